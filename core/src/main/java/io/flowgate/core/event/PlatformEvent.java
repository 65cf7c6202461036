package io.flowgate.core.event;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.UUID;

/** An event the platform emits on one of the spec's channels. */
public sealed interface PlatformEvent permits FlowExecutionEvent, FlowErrorEvent, WorkspaceActivityEvent {

    UUID eventId();

    /** The workspace the event belongs to: only its members ever see it. */
    UUID workspaceId();

    ChannelAddress channel();

    /** When it happened: the payload's {@code timestamp}. The event log's retention counts from it. */
    Instant timestamp();

    /** The message name of the spec, e.g. {@code FlowExecutionEvent}. */
    default String name() {
        return getClass().getSimpleName();
    }

    /** The JSON payload, exactly as it is stored and sent. */
    ObjectNode payload();
}
