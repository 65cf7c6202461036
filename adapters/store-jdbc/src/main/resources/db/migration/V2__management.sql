-- Credentials, recipes and custom components of a workspace (issue 6). SQL that H2 (PostgreSQL mode)
-- and PostgreSQL both accept.

-- A credential's keys are one AES-GCM sealed JSON object (nonce + ciphertext + tag); only the key
-- names are kept in the clear, so lists can show them.
CREATE TABLE credentials (
    id           UUID PRIMARY KEY,
    workspace_id UUID NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    name         VARCHAR(200) NOT NULL,
    type         VARCHAR(20) NOT NULL,
    key_names    VARCHAR NOT NULL,
    sealed_keys  BYTEA NOT NULL,
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at   TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX credentials_workspace ON credentials (workspace_id, created_at);

-- A sealed known value, so a node started with another secret key than the one the credentials were
-- sealed with refuses to start instead of failing later.
CREATE TABLE secret_key_check (
    id      INTEGER PRIMARY KEY,
    sealed  BYTEA NOT NULL
);

CREATE TABLE recipes (
    id           UUID PRIMARY KEY,
    workspace_id UUID NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    name         VARCHAR(200) NOT NULL,
    description  VARCHAR,
    graph        VARCHAR NOT NULL,
    parameters   VARCHAR NOT NULL,
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at   TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX recipes_workspace ON recipes (workspace_id, created_at);

-- A component a workspace registered: a jar on the server's component path and the component id
-- its ComponentProvider services provide.
CREATE TABLE workspace_components (
    id           UUID PRIMARY KEY,
    workspace_id UUID NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    component_id VARCHAR(200) NOT NULL,
    jar          VARCHAR(500) NOT NULL,
    description  VARCHAR,
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    UNIQUE (workspace_id, component_id)
);
