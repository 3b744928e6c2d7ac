-- Schema version 5: an Arabic-aware full-text index kept with the documents (DuckDB's
-- fts extension cannot be installed offline). One row per (search key, document,
-- sentence) with how often the key occurs there; search_documents holds each document's
-- length in tokens for BM25.
CREATE TABLE search_postings (
    key VARCHAR NOT NULL, doc_id VARCHAR NOT NULL, sentence_idx INTEGER NOT NULL, tf INTEGER NOT NULL
);
CREATE TABLE search_documents (doc_id VARCHAR NOT NULL, n_tokens INTEGER NOT NULL);
-- the reference notes (where a membership date comes from) are kept as evidence
ALTER TABLE memberships ADD COLUMN note VARCHAR;
