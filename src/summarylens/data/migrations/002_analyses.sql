-- Each stored report's whole analysis (the Report and the normalised document it
-- was made from, as model.to_json JSON, zlib-compressed), so successive reports are
-- audited without analysing their files again, in this run or a later one.
CREATE TABLE analyses (
    report_id VARCHAR PRIMARY KEY,
    payload BLOB NOT NULL
);
-- Archives made before analyses were kept cannot audit from them: their reports are
-- dropped (errors stay) and so analysed afresh, with analyses, by the next run.
DELETE FROM links;
DELETE FROM sections;
DELETE FROM metrics;
DELETE FROM commitments;
DELETE FROM achievements;
DELETE FROM reports;
DELETE FROM files;
