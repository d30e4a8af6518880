-- One row per file being copied in chunks; it lives until the file is published or abandoned.
create table transfer (
    id           uuid        primary key,
    path         text        not null unique,
    source_size  bigint      not null,
    source_mtime timestamptz not null,
    chunk_size   bigint      not null,
    temporary    text        not null,
    started_at   timestamptz not null,
    updated_at   timestamptz not null
);

-- Progress per chunk: bytes the sink has durably (fsync'd) and, once the chunk is complete, its SHA-256.
create table chunk (
    transfer_id   uuid        not null references transfer (id) on delete cascade,
    chunk_index   integer     not null,
    length        bigint      not null,
    durable_bytes bigint      not null,
    sha256        varchar(64),
    updated_at    timestamptz not null,
    primary key (transfer_id, chunk_index),
    check (durable_bytes between 0 and length),
    check (sha256 is null or durable_bytes = length)
);

create index transfer_updated_at on transfer (updated_at);
