-- Schema version 14: analysts' reviews. `reviews` is an append-only log (rows are never
-- updated or deleted): who confirmed, corrected or rejected which fact, when, why, with the
-- fact's reviewed fields before and after. A review is anchored to the document, the fact's
-- evidence span and text, and the fields that identify it (`identity`, JSON; `anchor_key`
-- hashes them), never to a fact id alone: a re-extraction makes new ids, and the review is
-- applied again to the fact found at the same anchor (review/anchor.py).
CREATE TABLE IF NOT EXISTS reviews (
    review_id VARCHAR NOT NULL, reviewer VARCHAR NOT NULL, reviewed_at TIMESTAMP NOT NULL,
    action VARCHAR NOT NULL, kind VARCHAR NOT NULL, doc_id VARCHAR NOT NULL, anchor_key VARCHAR NOT NULL,
    start_char INTEGER NOT NULL, end_char INTEGER NOT NULL, evidence VARCHAR NOT NULL,
    at_start INTEGER, at_end INTEGER, identity VARCHAR NOT NULL,
    fact_id VARCHAR, before VARCHAR NOT NULL, after VARCHAR NOT NULL, reason VARCHAR NOT NULL
);
-- Each fact's standing from the review applied to it (confirmed, corrected, rejected; NULL:
-- not reviewed) and that review's id.
ALTER TABLE events ADD COLUMN IF NOT EXISTS review VARCHAR;
ALTER TABLE events ADD COLUMN IF NOT EXISTS review_id VARCHAR;
ALTER TABLE memberships ADD COLUMN IF NOT EXISTS review VARCHAR;
ALTER TABLE memberships ADD COLUMN IF NOT EXISTS review_id VARCHAR;
ALTER TABLE figures ADD COLUMN IF NOT EXISTS review VARCHAR;
ALTER TABLE figures ADD COLUMN IF NOT EXISTS review_id VARCHAR;
ALTER TABLE claims ADD COLUMN IF NOT EXISTS review VARCHAR;
ALTER TABLE claims ADD COLUMN IF NOT EXISTS review_id VARCHAR;
ALTER TABLE mentions ADD COLUMN IF NOT EXISTS review VARCHAR;
ALTER TABLE mentions ADD COLUMN IF NOT EXISTS review_id VARCHAR;
-- An article's memberships and figures get ids like events and claims («DOC:m0», «DOC:f0»),
-- numbered in the order they were stored, so that one can be named for a review.
ALTER TABLE memberships ADD COLUMN IF NOT EXISTS membership_id VARCHAR;
ALTER TABLE figures ADD COLUMN IF NOT EXISTS figure_id VARCHAR;
UPDATE memberships SET membership_id = numbered.id FROM (
    SELECT rowid AS row, doc_id || ':m' || (row_number() OVER (PARTITION BY doc_id ORDER BY rowid) - 1) AS id
    FROM memberships WHERE origin = 'article'
) numbered WHERE memberships.rowid = numbered.row AND memberships.membership_id IS NULL;
UPDATE figures SET figure_id = numbered.id FROM (
    SELECT rowid AS row, doc_id || ':f' || (row_number() OVER (PARTITION BY doc_id ORDER BY rowid) - 1) AS id
    FROM figures
) numbered WHERE figures.rowid = numbered.row AND figures.figure_id IS NULL;
