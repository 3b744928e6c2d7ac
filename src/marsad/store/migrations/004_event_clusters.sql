-- Schema version 4: the same real-world event reported by several articles shares a cluster.
ALTER TABLE events ADD COLUMN cluster_id VARCHAR;
