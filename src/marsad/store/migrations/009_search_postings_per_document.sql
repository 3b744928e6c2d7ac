-- Schema version 9: the search index keeps one row per (search key, document), no longer
-- per sentence: a third fewer rows to write and store. The sentence shown with a hit is
-- found at search time, in the articles on the page. The index is rebuilt from the
-- documents' text after this migration (a name's word is now indexed under its folded name
-- key alone, the only key a query looks it up by, so the old rows cannot simply be summed).
DROP TABLE search_postings;
CREATE TABLE search_postings (key VARCHAR NOT NULL, doc_id VARCHAR NOT NULL, tf INTEGER NOT NULL);
DELETE FROM search_documents;
DELETE FROM meta WHERE key = 'search_sorted_rows';
