-- The anomalies table is its own outbox: an anomaly is stored in the transaction that found it and published to
-- sftp.anomalies after that commits (AnomalyRelay), so a rolled-back batch never leaves a published anomaly behind.
ALTER TABLE anomalies ADD COLUMN published_at timestamptz;
-- Those stored before this migration were published by the transaction that stored them.
UPDATE anomalies SET published_at = detected_at;
CREATE INDEX anomalies_unpublished ON anomalies (detected_at, id) WHERE published_at IS NULL;
