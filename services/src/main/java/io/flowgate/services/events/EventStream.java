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
 * One live subscriber. It first catches up from the log, then takes the events the hub pushes; a cursor
 * filter drops what it has already seen, so the hand-over loses and repeats nothing.
 *
 * <p>Memory is bounded. While it catches up, pushed events that do not fit the buffer are dropped: the
 * log has them, and the last catch-up read (after the buffer is cleared and the stream goes live) finds
 * them. Once live, a consumer that falls {@code buffer} events behind is cut off (it may resume with its
 * last cursor): the thread reading the stream is interrupted, which ends a wait for the next event, and a
 * blocked write to the slow client too (interrupting a virtual thread in socket I/O closes the socket).
 */
public final class EventStream implements AutoCloseable {

    private static final int CATCH_UP_BATCH = 500;

    private final Store store;
    private final Collection<ChannelAddress> patterns;
    private final Collection<UUID> workspaces;
    private final EventHub hub;
    private final int buffer;
    private final BlockingQueue<StoredEvent> pushed;
    private final ArrayDeque<StoredEvent> fromLog = new ArrayDeque<>();
    private volatile boolean catchingUp = true;
    private volatile String endReason;
    private volatile boolean closed;
    private volatile Thread reader;
    private boolean readingLog;
    private boolean logDrained;
    private long lastCursor;

    EventStream(Store store, Collection<ChannelAddress> patterns, Collection<UUID> workspaces, long afterCursor, EventHub hub,
                int buffer) {
        this.store = store;
        this.patterns = patterns;
        this.workspaces = workspaces;
        this.lastCursor = afterCursor;
        this.hub = hub;
        this.buffer = buffer;
        this.pushed = new ArrayBlockingQueue<>(buffer);
    }

    /** Called by the hub for every new event of the platform, in cursor order. */
    void offer(StoredEvent event) {
        if (closed || endReason != null || !accepts(event)) {
            return;
        }
        if (!pushed.offer(event) && !catchingUp) {
            end("The consumer fell more than " + buffer + " events behind");
        }
    }

    /**
     * Ends the stream: the reader's next call fails with {@code reason}, and a reader that waits or writes
     * now is interrupted (not while it is in the database: an interrupt there would break its connection).
     */
    void end(String reason) {
        synchronized (this) {
            endReason = reason;
            Thread thread = reader;
            if (thread != null && !closed && !readingLog) {
                thread.interrupt();
            }
        }
        pushed.clear();
        hub.closed(this);
    }

    /**
     * The next event, waiting up to {@code wait}; empty when none came in time. Throws
     * {@link IllegalStateException} once the stream has ended: the consumer fell too far behind, or the
     * server is stopping.
     */
    public Optional<StoredEvent> next(Duration wait) throws InterruptedException {
        reader = Thread.currentThread();
        failIfEnded();
        if (fromLog.isEmpty() && !logDrained) {
            readLogGuarded();
            failIfEnded();
        }
        if (!fromLog.isEmpty()) {
            return Optional.of(advance(fromLog.poll()));
        }
        return nextPushed(wait);
    }

    private void failIfEnded() {
        String reason = endReason;
        if (reason != null) {
            throw new IllegalStateException(reason);
        }
    }

    private void readLogGuarded() {
        synchronized (this) {
            readingLog = true;
        }
        try {
            readLog();
        } finally {
            synchronized (this) {
                readingLog = false;
            }
        }
    }

    /** Reads the next batch from the log; when there is none, goes live (then reads once more, see above). */
    private void readLog() {
        fromLog.addAll(readBatch());
        if (fromLog.isEmpty() && catchingUp) {
            pushed.clear();
            catchingUp = false;
            fromLog.addAll(readBatch());
        }
        logDrained = fromLog.isEmpty();
    }

    private Optional<StoredEvent> nextPushed(Duration wait) throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        while (true) {
            StoredEvent event = pushed.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (event == null) {
                return Optional.empty();
            }
            if (event.cursor() > lastCursor) {
                return Optional.of(advance(event));
            }
        }
    }

    private List<StoredEvent> readBatch() {
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
        reader = null;
        hub.closed(this);
    }
}
