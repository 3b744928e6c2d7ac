-- Marsad store, schema version 1. Every extracted row carries its provenance: the
-- document, the character span in the original text, the rule and the pipeline version.
-- No PRIMARY KEY/UNIQUE constraints on per-document tables: a document is replaced by
-- delete + insert in one transaction, which DuckDB's eager constraint checks would refuse;
-- the single writer keeps keys unique.
CREATE TABLE meta (key VARCHAR NOT NULL, value VARCHAR NOT NULL);

CREATE TABLE documents (
    doc_id VARCHAR NOT NULL,
    content_hash VARCHAR NOT NULL,
    path VARCHAR, url VARCHAR, title VARCHAR, source VARCHAR, language VARCHAR,
    published VARCHAR,
    text VARCHAR NOT NULL,
    n_chars INTEGER NOT NULL,
    ingested_at TIMESTAMP NOT NULL,
    pipeline_version VARCHAR NOT NULL,
    kb_version VARCHAR NOT NULL
);

CREATE TABLE sentences (
    doc_id VARCHAR NOT NULL, idx INTEGER NOT NULL,
    start_char INTEGER NOT NULL, end_char INTEGER NOT NULL
);

CREATE TABLE entities (
    entity_id VARCHAR NOT NULL, type VARCHAR NOT NULL,
    name_en VARCHAR, name_ar VARCHAR, name_ru VARCHAR,
    country VARCHAR, kind VARCHAR, lat DOUBLE, lon DOUBLE,
    kb_version VARCHAR NOT NULL
);

CREATE TABLE mentions (
    doc_id VARCHAR NOT NULL, start_char INTEGER NOT NULL, end_char INTEGER NOT NULL,
    text VARCHAR NOT NULL, entity_id VARCHAR NOT NULL, entity_type VARCHAR NOT NULL,
    rule_id VARCHAR NOT NULL, pipeline_version VARCHAR NOT NULL
);

CREATE TABLE events (
    event_id VARCHAR NOT NULL, doc_id VARCHAR NOT NULL,
    type VARCHAR NOT NULL, plover VARCHAR, date VARCHAR, place VARCHAR,
    modality VARCHAR, confidence DOUBLE,
    start_char INTEGER NOT NULL, end_char INTEGER NOT NULL, evidence VARCHAR NOT NULL,
    rule_id VARCHAR NOT NULL, pipeline_version VARCHAR NOT NULL
);

-- role: 'actor' (state or organization) or 'agent' (person)
CREATE TABLE event_participants (
    event_id VARCHAR NOT NULL, doc_id VARCHAR NOT NULL, entity_id VARCHAR NOT NULL, role VARCHAR NOT NULL
);

-- origin: 'kb' (reference knowledge, doc_id NULL) or 'article'
CREATE TABLE memberships (
    origin VARCHAR NOT NULL, doc_id VARCHAR,
    member VARCHAR NOT NULL, org VARCHAR NOT NULL, status VARCHAR NOT NULL,
    since VARCHAR, until VARCHAR,
    start_char INTEGER, end_char INTEGER, evidence VARCHAR,
    rule_id VARCHAR NOT NULL, pipeline_version VARCHAR NOT NULL
);

CREATE TABLE figures (
    doc_id VARCHAR NOT NULL, what VARCHAR NOT NULL, value DOUBLE NOT NULL, unit VARCHAR,
    actor VARCHAR,
    start_char INTEGER NOT NULL, end_char INTEGER NOT NULL, evidence VARCHAR NOT NULL,
    rule_id VARCHAR NOT NULL, pipeline_version VARCHAR NOT NULL
);
