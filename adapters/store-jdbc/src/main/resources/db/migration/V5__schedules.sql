-- When each active scheduled flow fires next; claimed with FOR UPDATE SKIP LOCKED so it fires on one node.
CREATE TABLE schedules (
    flow_id      UUID PRIMARY KEY,
    cron         VARCHAR(200) NOT NULL,
    next_fire_at TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX schedules_due ON schedules (next_fire_at);
