-- Schema version 15: the (cluster, state, partner or format) pairs the ties indicator counts,
-- with the cluster's type and date (marsad/indicators/pairs.py builds and keeps the rows:
-- the store fills the table when it is opened for writing after this migration, and makes a
-- cluster's rows again whenever its reports change). `view`: both, reviewed or all.
CREATE TABLE IF NOT EXISTS indicator_pairs (
    cluster_id VARCHAR NOT NULL, view VARCHAR NOT NULL, state VARCHAR NOT NULL, name VARCHAR NOT NULL,
    kind VARCHAR NOT NULL, type VARCHAR NOT NULL, date VARCHAR NOT NULL
);
-- The ties' counts per (state, partner or format, year) from those pairs, for each reading
-- (reviewed: rejected reports left out; all), their events one string of ids joined by
-- chr(31) (marsad/indicators/cells.py).
CREATE TABLE IF NOT EXISTS indicator_cells (
    reading VARCHAR NOT NULL, state VARCHAR NOT NULL, name VARCHAR NOT NULL, kind VARCHAR NOT NULL,
    year VARCHAR NOT NULL, cooperation BIGINT NOT NULL, friction BIGINT NOT NULL, cooperation_score DOUBLE NOT NULL,
    friction_score DOUBLE NOT NULL, by_type MAP(VARCHAR, UBIGINT) NOT NULL, events VARCHAR NOT NULL
);
