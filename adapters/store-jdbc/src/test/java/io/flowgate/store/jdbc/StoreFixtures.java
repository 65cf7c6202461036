package io.flowgate.store.jdbc;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flowgate.core.Json;
import io.flowgate.core.execution.Execution;
import io.flowgate.core.execution.ExecutionStatus;
import io.flowgate.core.flow.Flow;
import io.flowgate.core.flow.FlowEdge;
import io.flowgate.core.flow.FlowGraph;
import io.flowgate.core.flow.FlowNode;
import io.flowgate.core.flow.FlowStatus;
import io.flowgate.core.flow.FlowType;
import io.flowgate.core.workspace.User;
import io.flowgate.core.workspace.Workspace;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

/**
 * Values for the store contract. Every one has fresh ids, so tests that share a database never see each
 * other's rows; instants are whole milliseconds, which every store keeps exactly.
 */
final class StoreFixtures {

    private StoreFixtures() {
    }

    static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }

    /** An instant of a year no other test uses, so that retention and due-time queries see only this test's rows. */
    static Instant inYear(int year) {
        return Instant.parse(year + "-01-01T00:00:00Z");
    }

    static User user() {
        UUID id = UUID.randomUUID();
        return new User(id, "user-" + id + "@example.test", "User " + id, false, now());
    }

    static Workspace workspace(Instant createdAt) {
        UUID id = UUID.randomUUID();
        return new Workspace(id, "Workspace " + id, createdAt, createdAt);
    }

    static Flow flow(UUID workspaceId, String name, Instant createdAt) {
        return new Flow(UUID.randomUUID(), workspaceId, name, FlowType.ORDINARY, FlowStatus.INACTIVE,
                graph("$.order"), null, 1, createdAt, createdAt);
    }

    /** A webhook trigger followed by a JSONata step with {@code expression}. */
    static FlowGraph graph(String expression) {
        ObjectNode fields = Json.object().put("expression", expression);
        return new FlowGraph(
                List.of(new FlowNode("trigger", "webhook", "receive", Json.object(), null),
                        new FlowNode("map", "jsonata", "transform", fields, UUID.randomUUID())),
                List.of(new FlowEdge("trigger", "map")));
    }

    static Execution execution(UUID workspaceId, UUID flowId, Instant startedAt) {
        return new Execution(UUID.randomUUID(), flowId, workspaceId, 1, ExecutionStatus.RUNNING, UUID.randomUUID(),
                "correlation-" + UUID.randomUUID(), startedAt, null, 0, 1, 0);
    }

    static Execution ended(Execution execution, ExecutionStatus status, Instant endedAt) {
        return new Execution(execution.id(), execution.flowId(), execution.workspaceId(), execution.flowVersion(), status,
                execution.requestId(), execution.correlationId(), execution.startedAt(), endedAt,
                execution.stepCount(), execution.pending(), execution.failedSteps());
    }

    static ObjectNode json(String text) {
        return (ObjectNode) Json.parse(text);
    }
}
