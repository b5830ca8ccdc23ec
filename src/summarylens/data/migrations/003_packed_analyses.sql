-- Stored analyses changed from zlib-compressed JSON to zlib-compressed MessagePack
-- (model.pack: offset maps as their steps), which decodes about ten times faster.
-- Older payloads cannot be read: their reports are dropped (errors stay) and so
-- analysed afresh by the next run, as migration 002 did.
DELETE FROM analyses;
DELETE FROM links;
DELETE FROM sections;
DELETE FROM metrics;
DELETE FROM commitments;
DELETE FROM achievements;
DELETE FROM reports;
DELETE FROM files;
