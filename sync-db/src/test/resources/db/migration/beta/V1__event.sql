CREATE TABLE event (
    id          UUID PRIMARY KEY,
    kind        VARCHAR(40) NOT NULL,
    occurred_at TIMESTAMP(6) WITH TIME ZONE NOT NULL
);
