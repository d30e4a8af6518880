-- LATE_ARRIVAL learns from arrivals: the first time each path was seen (a new file), with its directory, name
-- pattern and the scan that found it. One row per path; a later version of the path is not an arrival. Rows whose
-- path has no version left after the retention's cleanup are deleted with it, so a name that comes back after that
-- long is new again.
CREATE TABLE arrivals (
    path           text        PRIMARY KEY,
    directory      text        NOT NULL,
    pattern        text        NOT NULL,
    scan_id        uuid        NOT NULL,
    first_seen_at  timestamptz NOT NULL
);
-- The check's lookups: a directory's or a pattern's arrivals within the retention, newest first.
CREATE INDEX arrivals_directory ON arrivals (directory, first_seen_at DESC);
CREATE INDEX arrivals_pattern ON arrivals (pattern, first_seen_at DESC);
CREATE INDEX arrivals_first_seen_at ON arrivals (first_seen_at);

INSERT INTO arrivals (path, directory, pattern, scan_id, first_seen_at)
SELECT DISTINCT ON (path) path, directory, pattern, scan_id, seen_at FROM file_versions ORDER BY path, id;

-- Approval requests and decisions of a path (sftp.approvals), for its history; each event once.
CREATE TABLE approvals (
    id             bigserial   PRIMARY KEY,
    event_id       uuid        NOT NULL UNIQUE,
    approval_id    text        NOT NULL,
    path           text        NOT NULL,
    size           bigint      NOT NULL,
    -- REQUESTED, or the decision: APPROVED, REJECTED, EXPIRED, SUPERSEDED.
    outcome        text        NOT NULL,
    strategy       text,
    decided_by     text,
    comment        text,
    at             timestamptz NOT NULL
);
CREATE INDEX approvals_path ON approvals (path, id DESC);
CREATE INDEX approvals_at ON approvals (at);
