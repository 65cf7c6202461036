package io.flowgate.core.event;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flowgate.core.execution.ExecutionStatus;
import io.flowgate.core.execution.StepError;
import io.flowgate.core.event.WorkspaceActivityEvent.ActivityType;
import io.flowgate.core.event.WorkspaceActivityEvent.ResourceType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The JSON of the spec's event messages: exact field names (CONTRACT.md §1) and exact formats. */
class EventPayloadsTest {

    private static final UUID EVENT = UUID.fromString("01890a5d-ac96-7000-8000-00000000000e");
    private static final UUID WORKSPACE = UUID.fromString("01890a5d-ac96-7000-8000-000000000001");
    private static final UUID EXECUTION = UUID.fromString("01890a5d-ac96-7000-8000-000000000002");
    private static final UUID FLOW = UUID.fromString("01890a5d-ac96-7000-8000-000000000003");
    private static final UUID USER = UUID.fromString("01890a5d-ac96-7000-8000-000000000004");
    private static final Instant AT = Instant.parse("2026-11-27T10:00:00Z");

    static List<String> names(JsonNode json) {
        List<String> names = new ArrayList<>();
        json.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void startedExecutionEventHasNoDurationNorStepCount() {
        var event = new FlowExecutionEvent(EVENT, WORKSPACE, EXECUTION, FLOW, FlowExecutionEvent.Status.STARTED, AT, null, null);

        ObjectNode json = event.payload();

        assertThat(names(json)).containsExactlyInAnyOrder("eventId", "executionId", "flowId", "status", "timestamp");
        assertThat(json.get("eventId").asText()).isEqualTo(EVENT.toString());
        assertThat(json.get("executionId").asText()).isEqualTo(EXECUTION.toString());
        assertThat(json.get("flowId").asText()).isEqualTo(FLOW.toString());
        assertThat(json.get("status").asText()).isEqualTo("started");
        assertThat(json.get("timestamp").asText()).isEqualTo("2026-11-27T10:00:00.000Z");
    }

    @Test
    void endedExecutionEventHasIntegerDurationAndStepCount() {
        var event = new FlowExecutionEvent(EVENT, WORKSPACE, EXECUTION, FLOW, FlowExecutionEvent.Status.COMPLETED,
                AT.plusMillis(250), 250L, 3);

        ObjectNode json = event.payload();

        assertThat(names(json)).containsExactlyInAnyOrder("eventId", "executionId", "flowId", "status", "timestamp",
                "duration", "stepCount");
        assertThat(json.get("status").asText()).isEqualTo("completed");
        assertThat(json.get("duration").isIntegralNumber()).isTrue();
        assertThat(json.get("duration").asLong()).isEqualTo(250);
        assertThat(json.get("stepCount").isInt()).isTrue();
        assertThat(json.get("stepCount").asInt()).isEqualTo(3);
        assertThat(json.get("timestamp").asText()).isEqualTo("2026-11-27T10:00:00.250Z");
    }

    @ParameterizedTest
    @EnumSource(FlowExecutionEvent.Status.class)
    void executionStatusesAreTheSpecWords(FlowExecutionEvent.Status status) {
        assertThat(status.wire()).isIn("started", "completed", "failed", "suspended");
    }

    @Test
    void endStatusFollowsTheExecutionStatus() {
        assertThat(FlowExecutionEvent.Status.endOf(ExecutionStatus.COMPLETED)).isEqualTo(FlowExecutionEvent.Status.COMPLETED);
        assertThat(FlowExecutionEvent.Status.endOf(ExecutionStatus.FAILED)).isEqualTo(FlowExecutionEvent.Status.FAILED);
        assertThat(FlowExecutionEvent.Status.endOf(ExecutionStatus.SUSPENDED)).isEqualTo(FlowExecutionEvent.Status.SUSPENDED);
    }

    @Test
    void errorEventCarriesTheErrorObjectAndRetryable() {
        var event = new FlowErrorEvent(EVENT, WORKSPACE, EXECUTION, FLOW, "call",
                new StepError("HttpServerError", "GET http://x answered 503", "at somewhere"), AT, true, 2);

        ObjectNode json = event.payload();

        assertThat(names(json)).containsExactlyInAnyOrder("eventId", "executionId", "flowId", "stepId", "error",
                "timestamp", "retryable", "attempt");
        assertThat(json.get("stepId").asText()).isEqualTo("call");
        assertThat(names(json.get("error"))).containsExactly("name", "message", "stack");
        assertThat(json.at("/error/name").asText()).isEqualTo("HttpServerError");
        assertThat(json.at("/error/message").asText()).isEqualTo("GET http://x answered 503");
        assertThat(json.at("/error/stack").asText()).isEqualTo("at somewhere");
        assertThat(json.get("retryable").isBoolean()).isTrue();
        assertThat(json.get("retryable").asBoolean()).isTrue();
        assertThat(json.get("attempt").asInt()).isEqualTo(2);
        assertThat(json.get("timestamp").asText()).isEqualTo("2026-11-27T10:00:00.000Z");
    }

    @Test
    void errorFieldsAreAlwaysStrings() {
        var event = new FlowErrorEvent(EVENT, WORKSPACE, EXECUTION, FLOW, "fail", new StepError(null, null, null), AT, false, 1);

        JsonNode error = event.payload().get("error");

        assertThat(error.get("name").isTextual()).isTrue();
        assertThat(error.get("name").asText()).isEqualTo("Error");
        assertThat(error.get("message").isTextual()).isTrue();
        assertThat(error.get("stack").isTextual()).isTrue();
    }

    @Test
    void activityEventHasItsRequiredAndOptionalFields() {
        var event = new WorkspaceActivityEvent(EVENT, WORKSPACE, ActivityType.STARTED, ResourceType.FLOW, AT, FLOW, USER);

        ObjectNode json = event.payload();

        assertThat(names(json)).containsExactlyInAnyOrder("eventId", "workspaceId", "activityType", "resourceType",
                "timestamp", "resourceId", "userId");
        assertThat(json.get("workspaceId").asText()).isEqualTo(WORKSPACE.toString());
        assertThat(json.get("activityType").asText()).isEqualTo("started");
        assertThat(json.get("resourceType").asText()).isEqualTo("flow");
        assertThat(json.get("resourceId").asText()).isEqualTo(FLOW.toString());
        assertThat(json.get("userId").asText()).isEqualTo(USER.toString());
    }

    @Test
    void activityEventLeavesOutUnknownResourceAndUser() {
        var event = new WorkspaceActivityEvent(EVENT, WORKSPACE, ActivityType.DELETED, ResourceType.RECIPE, AT, null, null);

        assertThat(names(event.payload())).containsExactlyInAnyOrder("eventId", "workspaceId", "activityType",
                "resourceType", "timestamp");
    }

    @Test
    void activityWordsAreTheSpecWords() {
        assertThat(List.of(ActivityType.values())).extracting(ActivityType::wire)
                .containsExactly("created", "updated", "deleted", "started", "stopped");
        assertThat(List.of(ResourceType.values())).extracting(ResourceType::wire)
                .as("the spec's resource types, and subscription as a documented addition")
                .containsExactly("flow", "credential", "component", "member", "recipe", "subscription");
    }

    @Test
    void eventsNameTheirChannelAndMessage() {
        var execution = new FlowExecutionEvent(EVENT, WORKSPACE, EXECUTION, FLOW, FlowExecutionEvent.Status.FAILED, AT, 1L, 1);
        var error = new FlowErrorEvent(EVENT, WORKSPACE, EXECUTION, FLOW, "s", new StepError("E", "m", ""), AT, false, 1);
        var activity = new WorkspaceActivityEvent(EVENT, WORKSPACE, ActivityType.CREATED, ResourceType.MEMBER, AT, null, null);

        assertThat(execution.channel()).isEqualTo(ChannelAddress.flowExecution(FLOW));
        assertThat(error.channel()).isEqualTo(ChannelAddress.flowError(FLOW));
        assertThat(activity.channel()).isEqualTo(ChannelAddress.workspaceActivity(WORKSPACE));
        assertThat(List.<PlatformEvent>of(execution, error, activity)).extracting(PlatformEvent::name)
                .containsExactly("FlowExecutionEvent", "FlowErrorEvent", "WorkspaceActivityEvent");
    }
}
