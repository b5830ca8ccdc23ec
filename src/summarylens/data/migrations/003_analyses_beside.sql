-- Stored analyses moved out of the database into ARCHIVE.analyses (SQLite, see
-- summarylens.store), as zlib-compressed MessagePack: as a DuckDB column they were
-- re-read at every checkpoint. Older archives' reports are dropped (errors stay)
-- and so analysed afresh, with their analyses in the new place, by the next run.
DROP TABLE analyses;
DELETE FROM links;
DELETE FROM sections;
DELETE FROM metrics;
DELETE FROM commitments;
DELETE FROM achievements;
DELETE FROM reports;
DELETE FROM files;
