-- Transfers that reported progress and have no result yet, by the discovery they serve: STALLED_TRANSFER looks
-- for those whose last progress is too long ago. A result deletes its row; a late progress event after the result
-- adds none.
CREATE TABLE active_transfers (
    causation_id     uuid        PRIMARY KEY,
    path             text        NOT NULL,
    bytes_done       bigint      NOT NULL,
    total_bytes      bigint      NOT NULL,
    last_progress_at timestamptz NOT NULL
);
CREATE INDEX active_transfers_last_progress ON active_transfers (last_progress_at);
