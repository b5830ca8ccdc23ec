-- The archive of analysed reports. Offsets are in each report's normalised text;
-- original_start/original_end point into the file as read.
CREATE TABLE files (
    hash VARCHAR PRIMARY KEY,      -- sha256 of the file's bytes: the resume key
    path VARCHAR NOT NULL,
    bytes BIGINT NOT NULL,
    analysed_at TIMESTAMP NOT NULL
);
CREATE TABLE reports (
    report_id VARCHAR PRIMARY KEY, -- file hash + ':' + article number
    file_hash VARCHAR NOT NULL,
    source VARCHAR NOT NULL,
    article INTEGER NOT NULL,
    title VARCHAR,
    organisation VARCHAR,
    year INTEGER,
    span VARCHAR,
    plan_year INTEGER,
    plan_span VARCHAR,
    chars INTEGER NOT NULL
);
CREATE TABLE sections (
    report_id VARCHAR NOT NULL, section_id VARCHAR NOT NULL, heading VARCHAR, level INTEGER,
    part VARCHAR, theme VARCHAR, start_offset INTEGER, end_offset INTEGER, page INTEGER
);
CREATE TABLE metrics (
    report_id VARCHAR NOT NULL, position INTEGER NOT NULL, text VARCHAR, value DOUBLE,
    value_max DOUBLE, unit VARCHAR, qualifier VARCHAR, bound VARCHAR, placeholder BOOLEAN,
    indicator VARCHAR, kind VARCHAR, section_theme VARCHAR, start_offset INTEGER,
    end_offset INTEGER, original_start INTEGER, original_end INTEGER, page INTEGER
);
CREATE TABLE commitments (
    report_id VARCHAR NOT NULL, commitment_id VARCHAR NOT NULL, text VARCHAR, owner VARCHAR,
    deadline VARCHAR, modality VARCHAR, section_theme VARCHAR, start_offset INTEGER,
    end_offset INTEGER, page INTEGER
);
CREATE TABLE achievements (
    report_id VARCHAR NOT NULL, achievement_id VARCHAR NOT NULL, text VARCHAR,
    start_offset INTEGER, end_offset INTEGER, page INTEGER
);
CREATE TABLE links (
    earlier_report VARCHAR NOT NULL, later_report VARCHAR NOT NULL, commitment_id VARCHAR NOT NULL,
    status VARCHAR NOT NULL, score DOUBLE, evidence VARCHAR, reason VARCHAR, theme VARCHAR
);
CREATE TABLE errors (
    path VARCHAR NOT NULL, hash VARCHAR, error VARCHAR NOT NULL, failed_at TIMESTAMP NOT NULL
);
