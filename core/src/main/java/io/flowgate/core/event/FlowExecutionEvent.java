package io.flowgate.core.event;

import io.flowgate.core.WireWord;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flowgate.core.Json;
import io.flowgate.core.Timestamps;
import io.flowgate.core.execution.ExecutionStatus;
import java.time.Instant;
import java.util.UUID;

/**
 * A lifecycle event of an execution. {@code durationMillis} and {@code stepCount} are set on the end
 * event only (null on {@code started}).
 */
public record FlowExecutionEvent(UUID eventId, UUID workspaceId, UUID executionId, UUID flowId,
                                 Status status, Instant timestamp, Long durationMillis, Integer stepCount)
        implements PlatformEvent {

    /** The event's {@code status}: {@code started}, then one terminal status. */
    public enum Status implements WireWord {
        STARTED, COMPLETED, FAILED, SUSPENDED;

        /** The end status of an execution that ended with {@code status}. */
        public static Status endOf(ExecutionStatus status) {
            return switch (status) {
                case COMPLETED -> COMPLETED;
                case FAILED -> FAILED;
                case SUSPENDED -> SUSPENDED;
                case RUNNING -> throw new IllegalArgumentException("a running execution has not ended");
            };
        }
    }

    @Override
    public ChannelAddress channel() {
        return ChannelAddress.flowExecution(flowId);
    }

    @Override
    public ObjectNode payload() {
        ObjectNode json = Json.object();
        json.put("eventId", eventId.toString());
        json.put("executionId", executionId.toString());
        json.put("flowId", flowId.toString());
        json.put("status", status.wire());
        json.put("timestamp", Timestamps.format(timestamp));
        if (durationMillis != null) {
            json.put("duration", durationMillis);
        }
        if (stepCount != null) {
            json.put("stepCount", stepCount);
        }
        return json;
    }
}
