package io.flowgate.core.event;

import io.flowgate.core.WireWord;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flowgate.core.Json;
import io.flowgate.core.Timestamps;
import java.time.Instant;
import java.util.UUID;

/**
 * Something changed in a workspace: a flow, credential, component, member or recipe, or (an addition to
 * the spec's list) an event subscription.
 */
public record WorkspaceActivityEvent(UUID eventId, UUID workspaceId, ActivityType activityType,
                                     ResourceType resourceType, Instant timestamp, UUID resourceId, UUID userId)
        implements PlatformEvent {

    public enum ActivityType implements WireWord {
        CREATED, UPDATED, DELETED, STARTED, STOPPED;
    }

    public enum ResourceType implements WireWord {
        FLOW, CREDENTIAL, COMPONENT, MEMBER, RECIPE, SUBSCRIPTION;
    }

    @Override
    public ChannelAddress channel() {
        return ChannelAddress.workspaceActivity(workspaceId);
    }

    @Override
    public ObjectNode payload() {
        ObjectNode json = Json.object();
        json.put("eventId", eventId.toString());
        json.put("workspaceId", workspaceId.toString());
        json.put("activityType", activityType.wire());
        json.put("resourceType", resourceType.wire());
        json.put("timestamp", Timestamps.format(timestamp));
        if (resourceId != null) {
            json.put("resourceId", resourceId.toString());
        }
        if (userId != null) {
            json.put("userId", userId.toString());
        }
        return json;
    }
}
