package io.flowgate.core.event;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.UUID;

/**
 * An event as the event log keeps it: {@code cursor} orders every event of the platform, and so also
 * every event of one channel.
 */
public record StoredEvent(long cursor, UUID eventId, ChannelAddress channel, String name, UUID workspaceId,
                          ObjectNode payload) {
}
