-- Pub/sub topics of a workspace (issue 5). One schema for H2 (PostgreSQL mode) and PostgreSQL.

CREATE TABLE topics (
    id           UUID PRIMARY KEY,
    workspace_id UUID NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    name         VARCHAR(200) NOT NULL,
    schema_json  VARCHAR,
    version      INTEGER NOT NULL,
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT topics_workspace_name UNIQUE (workspace_id, name)
);

-- Every definition a topic had: its first one and one per change.
CREATE TABLE topic_versions (
    topic_id    UUID NOT NULL REFERENCES topics (id) ON DELETE CASCADE,
    version     INTEGER NOT NULL,
    name        VARCHAR(200) NOT NULL,
    schema_json VARCHAR,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    created_by  UUID,
    PRIMARY KEY (topic_id, version)
);

-- Message counters, added to in batches by each node (see docs/topics.md, "Stats").
CREATE TABLE topic_published (
    topic_id  UUID PRIMARY KEY REFERENCES topics (id) ON DELETE CASCADE,
    published BIGINT NOT NULL
);

CREATE TABLE topic_delivered (
    topic_id  UUID NOT NULL REFERENCES topics (id) ON DELETE CASCADE,
    flow_id   UUID NOT NULL,
    delivered BIGINT NOT NULL,
    PRIMARY KEY (topic_id, flow_id)
);
