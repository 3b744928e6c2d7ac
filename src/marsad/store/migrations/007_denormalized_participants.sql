-- Schema version 7: each event row also lists its actors and agents, so that filtering a
-- million events by who took part is one scan of one table, not a join (the participants
-- table stays the normalized record, and what exports read).
ALTER TABLE events ADD COLUMN actor_ids VARCHAR[];
ALTER TABLE events ADD COLUMN agent_ids VARCHAR[];
UPDATE events SET
    actor_ids = coalesce((SELECT list(p.entity_id ORDER BY p.entity_id) FROM event_participants p
                          WHERE p.event_id = events.event_id AND p.role = 'actor'), []),
    agent_ids = coalesce((SELECT list(p.entity_id ORDER BY p.entity_id) FROM event_participants p
                          WHERE p.event_id = events.event_id AND p.role = 'agent'), []);
-- How many rows of the search index are sorted by key (see Store.optimize_search_index).
INSERT INTO meta VALUES ('search_sorted_rows', '0');
