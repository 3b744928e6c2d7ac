-- Schema version 8: what finds another article's report of the same event, one row per
-- (type, year, actor) of each dated event that started a cluster, so that clustering a new
-- document looks up its few keys instead of reading every event.
CREATE TABLE event_keys (
    key VARCHAR NOT NULL, event_id VARCHAR NOT NULL, doc_id VARCHAR NOT NULL, cluster_id VARCHAR NOT NULL,
    date VARCHAR, date_source VARCHAR, actor_ids VARCHAR[]
);
INSERT INTO event_keys
SELECT type || '|' || left(date, 4) || '|' || actor, event_id, doc_id, cluster_id, date, date_source, actor_ids
FROM (SELECT *, unnest(actor_ids) AS actor FROM events
      WHERE date IS NOT NULL AND date <> '' AND cluster_id = event_id);
