-- Schema version 11: how sure the extraction is of each membership an article states (0–1,
-- extract/membership_confidence.py). Rows stored before, and the reference's, have none.
ALTER TABLE memberships ADD COLUMN IF NOT EXISTS confidence DOUBLE;
