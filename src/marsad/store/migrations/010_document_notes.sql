-- Schema version 10: what a reader should know about how a document was read, one note a
-- line («no language pack for 'kk': …»). Documents stored before have none.
ALTER TABLE documents ADD COLUMN IF NOT EXISTS notes VARCHAR DEFAULT '';
