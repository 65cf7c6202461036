package io.flowgate.services.events;

import io.flowgate.core.event.ChannelAddress;
import io.flowgate.core.event.StoredEvent;
import io.flowgate.core.port.Store;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/** Fans the events this node's feed reads out to every open live stream. */
public final class EventHub {

    /** Events a live stream may fall behind before it is cut off. */
    public static final int DEFAULT_STREAM_BUFFER = 10_000;

    private final Store store;
    private final int streamBuffer;
    private final Set<EventStream> streams = ConcurrentHashMap.newKeySet();

    public EventHub(Store store) {
        this(store, DEFAULT_STREAM_BUFFER);
    }

    public EventHub(Store store, int streamBuffer) {
        this.store = store;
        this.streamBuffer = streamBuffer;
    }

    /** Hands a batch of new events (in cursor order) to every stream; called by the event feed. */
    public void publish(List<StoredEvent> events) {
        for (EventStream stream : streams) {
            events.forEach(stream::offer);
        }
    }

    EventStream open(Collection<ChannelAddress> patterns, Collection<UUID> workspaces, long afterCursor) {
        EventStream stream = new EventStream(store, patterns, workspaces, afterCursor, this, streamBuffer);
        streams.add(stream);
        return stream;
    }

    void closed(EventStream stream) {
        streams.remove(stream);
    }

    /** Ends every live stream, e.g. when the node stops: their clients resume elsewhere with Last-Event-ID. */
    public void endAll() {
        streams.forEach(stream -> stream.end("The server is stopping"));
    }

    public int openStreams() {
        return streams.size();
    }
}
