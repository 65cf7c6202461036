package io.flowgate.services.events;

import io.flowgate.core.event.ChannelAddress;
import io.flowgate.core.event.StoredEvent;
import io.flowgate.core.port.EventLog;
import io.flowgate.core.port.Store;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * One live subscriber. It first catches up from the log, then takes events the hub pushes; a cursor
 * filter drops what it has already seen, so the hand-over loses and repeats nothing. The push buffer is
 * bounded: a consumer that falls that far behind is cut off (and may resume with its last cursor).
 */
public final class EventStream implements AutoCloseable {

    static final int BUFFER = 10_000;
    private static final int CATCH_UP_BATCH = 500;

    private final Store store;
    private final Collection<ChannelAddress> patterns;
    private final Collection<UUID> workspaces;
    private final BlockingQueue<StoredEvent> pushed = new ArrayBlockingQueue<>(BUFFER);
    private final ArrayDeque<StoredEvent> caughtUp = new ArrayDeque<>();
    private final EventHub hub;
    private volatile boolean overflowed;
    private volatile boolean closed;
    private long lastCursor;
    private boolean catchingUp = true;

    EventStream(Store store, Collection<ChannelAddress> patterns, Collection<UUID> workspaces, long afterCursor, EventHub hub) {
        this.store = store;
        this.patterns = patterns;
        this.workspaces = workspaces;
        this.lastCursor = afterCursor;
        this.hub = hub;
    }

    /** Called by the hub for every new event of the platform. */
    void offer(StoredEvent event) {
        if (closed || !accepts(event)) {
            return;
        }
        if (!pushed.offer(event)) {
            overflowed = true;
        }
    }

    /**
     * The next event, waiting up to {@code wait}; empty when none came in time. Throws
     * {@link IllegalStateException} once the consumer has fallen too far behind.
     */
    public Optional<StoredEvent> next(Duration wait) throws InterruptedException {
        if (overflowed) {
            throw new IllegalStateException("The consumer fell more than " + BUFFER + " events behind");
        }
        if (catchingUp) {
            if (caughtUp.isEmpty()) {
                caughtUp.addAll(readLog());
                catchingUp = !caughtUp.isEmpty();
            }
            if (!caughtUp.isEmpty()) {
                return Optional.of(advance(caughtUp.poll()));
            }
        }
        long deadline = System.nanoTime() + wait.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            StoredEvent event = pushed.poll(Math.max(0, left), TimeUnit.NANOSECONDS);
            if (event == null) {
                return Optional.empty();
            }
            if (event.cursor() > lastCursor) {
                return Optional.of(advance(event));
            }
        }
    }

    private List<StoredEvent> readLog() {
        return store.read(tx -> tx.events().read(new EventLog.Query(lastCursor, patterns, workspaces, CATCH_UP_BATCH)));
    }

    private StoredEvent advance(StoredEvent event) {
        lastCursor = event.cursor();
        return event;
    }

    private boolean accepts(StoredEvent event) {
        return (workspaces == null || workspaces.contains(event.workspaceId()))
                && patterns.stream().anyMatch(pattern -> pattern.matches(event.channel()));
    }

    @Override
    public void close() {
        closed = true;
        hub.closed(this);
    }
}
