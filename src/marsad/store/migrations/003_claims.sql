-- Schema version 3: reported speech, and where an event's date came from.
CREATE TABLE claims (
    claim_id VARCHAR NOT NULL, doc_id VARCHAR NOT NULL,
    speaker VARCHAR NOT NULL, speaker_state VARCHAR, verb VARCHAR, date VARCHAR,
    start_char INTEGER NOT NULL, end_char INTEGER NOT NULL, claim VARCHAR NOT NULL,
    sentence_start INTEGER NOT NULL, sentence_end INTEGER NOT NULL,
    event_id VARCHAR,
    rule_id VARCHAR NOT NULL, pipeline_version VARCHAR NOT NULL
);
ALTER TABLE events ADD COLUMN date_source VARCHAR;
ALTER TABLE events ADD COLUMN trigger_start INTEGER;
ALTER TABLE events ADD COLUMN trigger_end INTEGER;
ALTER TABLE memberships ADD COLUMN contradicts_reference BOOLEAN;
