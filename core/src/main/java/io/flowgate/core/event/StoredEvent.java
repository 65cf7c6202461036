package io.flowgate.core.event;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flowgate.core.Json;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * An event as the event log keeps it: {@code cursor} orders every event of the platform, and so also
 * every event of one channel. The payload stays the JSON text the log holds: the relay, live streams,
 * history and webhooks send it as it is, without parsing and writing it again for every reader.
 */
public record StoredEvent(long cursor, UUID eventId, ChannelAddress channel, String name, UUID workspaceId,
                          String payloadJson) {

    public StoredEvent(long cursor, UUID eventId, ChannelAddress channel, String name, UUID workspaceId, ObjectNode payload) {
        this(cursor, eventId, channel, name, workspaceId, Json.text(payload));
    }

    public byte[] payloadBytes() {
        return payloadJson.getBytes(StandardCharsets.UTF_8);
    }
}
