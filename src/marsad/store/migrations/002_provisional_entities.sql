-- Schema version 2: persons and organizations found in articles but absent from the
-- knowledge base, with the sentence they were first found in, for `marsad kb candidates`.
CREATE TABLE provisional_entities (
    doc_id VARCHAR NOT NULL, entity_id VARCHAR NOT NULL, type VARCHAR NOT NULL,
    name_ar VARCHAR NOT NULL, country VARCHAR,
    start_char INTEGER NOT NULL, end_char INTEGER NOT NULL, evidence VARCHAR NOT NULL,
    pipeline_version VARCHAR NOT NULL
);
