-- One row per approval: a version (path, size, mtime) of an oversized file waiting for, or carrying, a decision.
CREATE TABLE approvals (
    id                 text        PRIMARY KEY,
    path               text        NOT NULL,
    size               bigint      NOT NULL,
    -- The proof signs the exact mtime: seconds and nanoseconds, as timestamptz keeps only microseconds.
    mtime_seconds      bigint      NOT NULL,
    mtime_nanos        integer     NOT NULL,
    discovered_at      timestamptz NOT NULL,
    -- The FileDiscovered that created it, as sent by the scanner: republished (signed) when approved.
    discovery          text        NOT NULL,
    state              text        NOT NULL,
    strategy           text,
    part_size          bigint,
    decided_by         text,
    decided_at         timestamptz,
    comment            text,
    first_approver     text,
    first_strategy     text,
    first_part_size    bigint,
    published_event_id uuid,
    outcome            text,
    bytes_done         bigint,
    total_bytes        bigint,
    bytes_per_second   double precision,
    eta_seconds        bigint,
    progress_at        timestamptz,
    created_at         timestamptz NOT NULL,
    updated_at         timestamptz NOT NULL,
    version            bigint      NOT NULL
);

-- The dedupe key: one live approval per version of a file. SUPERSEDED and EXPIRED ones are history.
CREATE UNIQUE INDEX approvals_live_version ON approvals (path, size, mtime_seconds, mtime_nanos)
    WHERE state NOT IN ('SUPERSEDED', 'EXPIRED');
CREATE INDEX approvals_path ON approvals (path);
CREATE INDEX approvals_state_updated ON approvals (state, updated_at DESC);
CREATE INDEX approvals_updated ON approvals (updated_at DESC);
-- Progress and results find their approval by the event they answer.
CREATE UNIQUE INDEX approvals_published_event ON approvals (published_event_id) WHERE published_event_id IS NOT NULL;

-- Append-only: every state change and first approval, never updated or deleted.
CREATE TABLE approval_history (
    id          bigserial   PRIMARY KEY,
    approval_id text        NOT NULL REFERENCES approvals (id),
    at          timestamptz NOT NULL,
    from_state  text,
    to_state    text        NOT NULL,
    actor       text        NOT NULL,
    strategy    text,
    part_size   bigint,
    comment     text
);
CREATE INDEX approval_history_approval ON approval_history (approval_id, id);

-- The audit trail stays as written: the database itself refuses to change or remove it.
CREATE FUNCTION approval_history_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'approval_history is append-only: % refused', TG_OP;
END
$$;
CREATE TRIGGER approval_history_no_update_or_delete BEFORE UPDATE OR DELETE ON approval_history
    FOR EACH ROW EXECUTE FUNCTION approval_history_append_only();
CREATE TRIGGER approval_history_no_truncate BEFORE TRUNCATE ON approval_history
    FOR EACH STATEMENT EXECUTE FUNCTION approval_history_append_only();

-- Records to publish, written in the transaction of the change they announce; deleted once the broker acked.
CREATE TABLE outbox (
    id         bigserial   PRIMARY KEY,
    topic      text        NOT NULL,
    key        text        NOT NULL,
    event_type text        NOT NULL,
    payload    bytea       NOT NULL,
    created_at timestamptz NOT NULL
);
