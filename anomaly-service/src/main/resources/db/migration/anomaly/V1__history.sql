-- What the anomaly service learns from: every observed version of a path, every transfer, every scan; and what it
-- found. History rows older than sync.anomaly.retention are deleted; anomalies are kept (their dedupe keys stop a
-- re-delivered old event from raising one again).

-- One row per version (path, size, mtime) of a discovered file; a later sighting of the same version keeps the
-- first row (insert ... on conflict do nothing), so seen_at is when it was first seen.
CREATE TABLE file_versions (
    id             bigserial   PRIMARY KEY,
    path           text        NOT NULL,
    -- The path's directory ('' the top) and name pattern (NamePattern), for new names' histories.
    directory      text        NOT NULL,
    pattern        text        NOT NULL,
    size           bigint      NOT NULL,
    -- Seconds and nanoseconds, as timestamptz keeps only microseconds and the dedupe key uses nanoseconds.
    mtime_seconds  bigint      NOT NULL,
    mtime_nanos    integer     NOT NULL,
    size_class     text        NOT NULL,
    seen_at        timestamptz NOT NULL,
    scan_id        uuid        NOT NULL,
    causation_id   uuid        NOT NULL,
    CONSTRAINT file_versions_version UNIQUE (path, size, mtime_seconds, mtime_nanos)
);
-- The detectors' lookups: a path's, a directory's and a name pattern's latest versions (by id, the order seen).
CREATE INDEX file_versions_path ON file_versions (path, id DESC);
CREATE INDEX file_versions_directory ON file_versions (directory, id DESC);
CREATE INDEX file_versions_pattern ON file_versions (pattern, id DESC);
CREATE INDEX file_versions_seen_at ON file_versions (seen_at);

-- One row per transfer result, by the discovery it answers.
CREATE TABLE transfers (
    id             bigserial   PRIMARY KEY,
    causation_id   uuid        NOT NULL UNIQUE,
    event_id       uuid        NOT NULL,
    path           text        NOT NULL,
    size_class     text,
    status         text        NOT NULL,
    bytes          bigint      NOT NULL,
    duration_ms    bigint      NOT NULL,
    attempts       integer     NOT NULL,
    resumed_from   bigint      NOT NULL,
    sha256         text,
    -- The failure's reason, or a note; a verification failure's text says what differed.
    error          text,
    finished_at    timestamptz NOT NULL
);
CREATE INDEX transfers_path ON transfers (path, id DESC);
CREATE INDEX transfers_class ON transfers (size_class, id DESC) WHERE status = 'SUCCEEDED' AND bytes > 0;
CREATE INDEX transfers_finished_at ON transfers (finished_at);

-- One row per scan that was not a dry run: SCAN_VOLUME compares a scan with the recent ones.
CREATE TABLE scans (
    id             bigserial   PRIMARY KEY,
    scan_id        uuid        NOT NULL UNIQUE,
    files_seen     bigint      NOT NULL,
    bytes_queued   bigint      NOT NULL,
    finished_at    timestamptz NOT NULL
);
CREATE INDEX scans_finished_at ON scans (finished_at);

-- What was found, once per dedupe key (Dedupe: type|subject|occurrence).
CREATE TABLE anomalies (
    id              text             PRIMARY KEY,
    dedupe_key      text             NOT NULL UNIQUE,
    path            text             NOT NULL,
    type            text             NOT NULL,
    severity        text             NOT NULL,
    score           double precision NOT NULL,
    message         text             NOT NULL,
    causation_id    uuid,
    detected_at     timestamptz      NOT NULL,
    acknowledged_by text,
    acknowledged_at timestamptz
);
CREATE INDEX anomalies_detected_at ON anomalies (detected_at DESC);
CREATE INDEX anomalies_path ON anomalies (path, detected_at DESC);
CREATE INDEX anomalies_type_severity ON anomalies (type, severity, detected_at DESC);
