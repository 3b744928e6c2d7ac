-- Schema version 6: what a refusal, call or proposal is about («رفضت … فرض عقوبات» →
-- SANCTION, denied), kept with the statement that governs it.
ALTER TABLE events ADD COLUMN content_type VARCHAR;
ALTER TABLE events ADD COLUMN content_modality VARCHAR;
