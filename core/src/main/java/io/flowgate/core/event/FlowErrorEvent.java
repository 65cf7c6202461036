package io.flowgate.core.event;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flowgate.core.Json;
import io.flowgate.core.Timestamps;
import io.flowgate.core.execution.StepError;
import java.time.Instant;
import java.util.UUID;

/** A step attempt failed; {@code retryable} says whether the platform will try it again by itself. */
public record FlowErrorEvent(UUID eventId, UUID workspaceId, UUID executionId, UUID flowId, String stepId,
                             StepError error, Instant timestamp, boolean retryable, int attempt)
        implements PlatformEvent {

    @Override
    public ChannelAddress channel() {
        return ChannelAddress.flowError(flowId);
    }

    @Override
    public ObjectNode payload() {
        ObjectNode json = Json.object();
        json.put("eventId", eventId.toString());
        json.put("executionId", executionId.toString());
        json.put("flowId", flowId.toString());
        json.put("stepId", stepId);
        ObjectNode errorJson = json.putObject("error");
        errorJson.put("name", error.name());
        errorJson.put("message", error.message());
        errorJson.put("stack", error.stack());
        json.put("timestamp", Timestamps.format(timestamp));
        json.put("retryable", retryable);
        json.put("attempt", attempt);
        return json;
    }
}
