package io.flowgate.core.flow;

import java.time.Instant;
import java.util.UUID;

/**
 * An integration flow of a workspace. {@code version} grows by one with every change; executions run
 * the version that was current when they were triggered.
 */
public record Flow(UUID id, UUID workspaceId, String name, FlowType type, FlowStatus status, FlowGraph graph,
                   String cron, int version, Instant createdAt, Instant updatedAt) {

    public boolean isActive() {
        return status == FlowStatus.ACTIVE;
    }

    public Flow withStatus(FlowStatus newStatus, Instant now) {
        return new Flow(id, workspaceId, name, type, newStatus, graph, cron, version, createdAt, now);
    }

    public Flow withDefinition(String newName, FlowType newType, FlowGraph newGraph, String newCron, Instant now) {
        return new Flow(id, workspaceId, newName, newType, status, newGraph, newCron, version + 1, createdAt, now);
    }
}
