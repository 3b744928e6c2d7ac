-- Schema version 13: the date of each figure — the one its sentence states nearest it, else the
-- article's — and where it came from (text | reference), for the figures over time (a state's
-- military spending by year). Rows stored before have none until their documents are read again.
ALTER TABLE figures ADD COLUMN IF NOT EXISTS date VARCHAR;
ALTER TABLE figures ADD COLUMN IF NOT EXISTS date_source VARCHAR;
