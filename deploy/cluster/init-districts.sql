-- Runs once, when the cluster profile's PostgreSQL starts on an empty volume: the main database (Wolverine's nodes,
-- agents and envelopes; POSTGRES_DB creates it) and a database per district, each holding the whole registry model.
create database registry_500101;
create database registry_500102;
