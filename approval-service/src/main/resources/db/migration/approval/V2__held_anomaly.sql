-- A file the anomaly service's risk gate held (FileHeld): the CRITICAL anomaly it was held for, shown on the
-- approval. NULL on the approvals of oversized files.
ALTER TABLE approvals
    ADD COLUMN anomaly_id       text,
    ADD COLUMN anomaly_type     text,
    ADD COLUMN anomaly_severity text,
    ADD COLUMN anomaly_sentence text;
