package io.flowgate.core.workspace;

import java.time.Instant;
import java.util.UUID;

/** The unit of isolation: flows, topics, credentials, executions and events all belong to one workspace. */
public record Workspace(UUID id, String name, Instant createdAt, Instant updatedAt) {
}
