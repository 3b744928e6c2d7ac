-- Schema version 15: provisional entities («new-…») an analyst merged into a known entity or
-- promoted into the local knowledge base (reviews of kind `entity`, actions merge and
-- promote). A row per document and provisional entity the review was applied to: the
-- entity's rows of the document now name `into_id`, and the provisional entity left
-- provisional_entities. Rows of a document are written again with it (a re-ingest), and
-- the reviews re-applied by the provisional entity's name and language, not its id.
CREATE TABLE IF NOT EXISTS entity_merges (
    doc_id VARCHAR NOT NULL, entity_id VARCHAR NOT NULL, name VARCHAR NOT NULL, language VARCHAR NOT NULL,
    into_id VARCHAR NOT NULL, review_id VARCHAR NOT NULL
);
