-- Which source version a transfer copies, beyond size and a whole-second mtime: SHA-256 over sampled ranges of the
-- source, taken when the transfer started. Null in rows from before this migration: such a transfer is not resumed
-- (its version cannot be told) but started over.
alter table transfer add column source_fingerprint varchar(64);

-- SHA-256 of a chunk's first durable_bytes, so that a sink without fsync@openssh.com can have its recorded prefix
-- re-read and compared before it is trusted. Null in rows from before this migration.
alter table chunk add column durable_sha256 varchar(64);
