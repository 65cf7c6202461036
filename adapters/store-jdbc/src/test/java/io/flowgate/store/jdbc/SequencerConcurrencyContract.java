package io.flowgate.store.jdbc;

import static io.flowgate.store.jdbc.EventLogContract.activity;
import static io.flowgate.store.jdbc.StoreFixtures.now;
import static org.assertj.core.api.Assertions.assertThat;

import io.flowgate.core.port.StoreTx;
import io.flowgate.core.event.PlatformEvent;
import io.flowgate.core.event.StoredEvent;
import io.flowgate.core.port.EventLog.Query;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/**
 * Several writers append while several sequencers and a reader run: every committed event gets exactly
 * one cursor, cursors have no gaps, and a reader that has seen cursor N has seen every event before it.
 */
interface SequencerConcurrencyContract extends StoreAccess {

    int WRITERS = 4;
    int CHANGES_PER_WRITER = 25;
    int SEQUENCERS = 2;
    /** Every fifth change of a writer fails and rolls back with its event. */
    int FAILING_EVERY = 5;

    @Test
    default void concurrentAppendsAndSequencersGiveEveryCommittedEventExactlyOneCursorWithoutGaps() throws Exception {
        UUID workspace = UUID.randomUUID();
        long start = sequenceAll();
        Set<UUID> committed = ConcurrentHashMap.newKeySet();
        AtomicBoolean writing = new AtomicBoolean(true);
        int expected = WRITERS * (CHANGES_PER_WRITER - CHANGES_PER_WRITER / FAILING_EVERY);
        ExecutorService threads = Executors.newFixedThreadPool(WRITERS + SEQUENCERS + 1);
        try {
            List<Future<?>> writers = new ArrayList<>();
            for (int w = 0; w < WRITERS; w++) {
                writers.add(threads.submit(() -> write(workspace, committed)));
            }
            List<Future<?>> sequencers = new ArrayList<>();
            for (int s = 0; s < SEQUENCERS; s++) {
                sequencers.add(threads.submit(() -> {
                    while (writing.get()) {
                        run(tx -> tx.events().sequence(7));
                    }
                }));
            }
            Future<Long> reader = threads.submit(() -> follow(start, expected));
            for (Future<?> writer : writers) {
                writer.get(2, TimeUnit.MINUTES);
            }
            writing.set(false);
            for (Future<?> sequencer : sequencers) {
                sequencer.get(1, TimeUnit.MINUTES);
            }
            sequenceAll();

            assertThat(reader.get(1, TimeUnit.MINUTES)).isEqualTo(start + expected);
        } finally {
            threads.shutdownNow();
        }
        List<StoredEvent> log = read(tx -> tx.events().read(new Query(start, null, null, 1_000)));
        assertThat(committed).hasSize(expected);
        assertThat(log).extracting(StoredEvent::cursor).containsExactly(LongStream.rangeClosed(start + 1, start + expected).boxed()
                .toArray(Long[]::new));
        assertThat(log).extracting(StoredEvent::eventId).containsExactlyInAnyOrderElementsOf(committed);
        assertThat(log).extracting(StoredEvent::workspaceId).containsOnly(workspace);
        assertThat(read((StoreTx tx) -> tx.events().lastCursor())).isEqualTo(start + expected);
    }

    private void write(UUID workspace, Set<UUID> committed) {
        for (int i = 1; i <= CHANGES_PER_WRITER; i++) {
            PlatformEvent event = activity(workspace, now());
            boolean fails = i % FAILING_EVERY == 0;
            try {
                run(tx -> {
                    tx.events().append(event);
                    if (fails) {
                        throw new IllegalStateException("rolled back");
                    }
                });
                committed.add(event.eventId());
            } catch (IllegalStateException expected) {
                assertThat(fails).isTrue();
            }
        }
    }

    /** Gives every waiting event its cursor; returns the last cursor. */
    private long sequenceAll() {
        while (tx(tx -> tx.events().sequence(1_000)) > 0) {
            // until nothing waits
        }
        return read(tx -> tx.events().lastCursor());
    }

    /** Follows the whole log as a live reader does, checking that every read continues exactly where the last one ended. */
    private long follow(long start, int expected) {
        long cursor = start;
        while (cursor < start + expected && !Thread.currentThread().isInterrupted()) {
            long after = cursor;
            for (StoredEvent event : read((StoreTx tx) -> tx.events().read(new Query(after, null, null, 50)))) {
                assertThat(event.cursor()).as("the cursor after %d", cursor).isEqualTo(cursor + 1);
                cursor = event.cursor();
            }
            Thread.yield();
        }
        return cursor;
    }
}
