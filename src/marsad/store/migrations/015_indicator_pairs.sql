-- Schema version 15: the (cluster, state, partner or format) pairs the ties indicator counts,
-- with the cluster's type and date (marsad/indicators/pairs.py builds and keeps the rows:
-- the store fills the table when it is opened for writing after this migration, and makes a
-- cluster's rows again whenever its reports change). `view`: both, reviewed or all.
CREATE TABLE IF NOT EXISTS indicator_pairs (
    cluster_id VARCHAR NOT NULL, view VARCHAR NOT NULL, state VARCHAR NOT NULL, name VARCHAR NOT NULL,
    kind VARCHAR NOT NULL, type VARCHAR NOT NULL, date VARCHAR NOT NULL
);
