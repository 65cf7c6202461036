package io.flowgate.runtime.events;

import io.flowgate.core.event.StoredEvent;
import io.flowgate.core.port.EventLog;
import io.flowgate.core.port.Store;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Follows the event log on this node and hands every new event, in cursor order, to its listeners (live
 * streams, the AMQP relay). Reading the shared log means a node sees the events of every node.
 */
public final class EventFeed {

    public static final int BATCH = 1_000;

    private final Store store;
    private final List<Consumer<List<StoredEvent>>> listeners = new CopyOnWriteArrayList<>();
    private volatile long lastCursor;

    public EventFeed(Store store) {
        this.store = store;
        this.lastCursor = store.read(tx -> tx.events().lastCursor());
    }

    public void listen(Consumer<List<StoredEvent>> listener) {
        listeners.add(listener);
    }

    public void unlisten(Consumer<List<StoredEvent>> listener) {
        listeners.remove(listener);
    }

    /** The cursor of the last event handed to listeners. */
    public long lastCursor() {
        return lastCursor;
    }

    /** Reads what is new and hands it on; returns how many events were new. */
    public int poll() {
        List<StoredEvent> events = store.read(tx -> tx.events().read(new EventLog.Query(lastCursor, null, null, BATCH)));
        if (events.isEmpty()) {
            return 0;
        }
        lastCursor = events.getLast().cursor();
        listeners.forEach(listener -> listener.accept(events));
        return events.size();
    }
}
