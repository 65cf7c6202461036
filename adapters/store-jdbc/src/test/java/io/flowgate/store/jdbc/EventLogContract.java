package io.flowgate.store.jdbc;

import static io.flowgate.store.jdbc.StoreFixtures.inYear;
import static io.flowgate.store.jdbc.StoreFixtures.now;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flowgate.core.port.StoreTx;
import io.flowgate.core.event.ChannelAddress;
import io.flowgate.core.event.FlowErrorEvent;
import io.flowgate.core.event.FlowExecutionEvent;
import io.flowgate.core.event.PlatformEvent;
import io.flowgate.core.event.StoredEvent;
import io.flowgate.core.event.WorkspaceActivityEvent;
import io.flowgate.core.execution.StepError;
import io.flowgate.core.port.EventLog.Query;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The event log: append in the change's transaction, numbered in commit order (at commit, or by the
 * sequencer after it), read by cursor.
 */
interface EventLogContract extends StoreAccess {

    @Test
    default void eventsAreInvisibleUntilTheyHaveACursorThenReadInInsertionOrder() {
        UUID workspace = UUID.randomUUID();
        long start = read(tx -> tx.events().lastCursor());
        List<PlatformEvent> events = List.of(activity(workspace, now()), started(workspace, UUID.randomUUID(), now()),
                error(workspace, UUID.randomUUID(), now()));
        run(tx -> tx.events().append(events.get(0)));
        run(tx -> {
            tx.events().append(events.get(1));
            tx.events().append(events.get(2));
        });
        if (numbersEventsAtCommit()) {
            assertThat(readAll(start, null, List.of(workspace))).hasSize(3);
            assertThat(tx((StoreTx tx) -> tx.events().sequence(100))).as("nothing left for the sequencer").isZero();
        } else {
            assertThat(readAll(start, null, List.of(workspace))).isEmpty();
            assertThat(tx((StoreTx tx) -> tx.events().sequence(100))).isEqualTo(3);
            assertThat(tx((StoreTx tx) -> tx.events().sequence(100))).isZero();
        }

        List<StoredEvent> stored = readAll(start, null, List.of(workspace));
        assertThat(stored).extracting(StoredEvent::cursor).containsExactly(start + 1, start + 2, start + 3);
        for (int i = 0; i < events.size(); i++) {
            PlatformEvent event = events.get(i);
            assertThat(stored.get(i)).isEqualTo(new StoredEvent(start + 1 + i, event.eventId(), event.channel(), event.name(),
                    workspace, event.payload()));
        }
        assertThat(read((StoreTx tx) -> tx.events().lastCursor())).isEqualTo(start + 3);
    }

    @Test
    default void sequenceNumbersAtMostTheLimitAndAnEventOfARolledBackChangeNever() {
        UUID workspace = UUID.randomUUID();
        long start = read(tx -> tx.events().lastCursor());
        assertThatThrownBy(() -> run(tx -> {
            tx.events().append(activity(workspace, now()));
            throw new IllegalStateException("the change fails");
        })).hasMessage("the change fails");
        run(tx -> {
            for (int i = 0; i < 3; i++) {
                tx.events().append(activity(workspace, now()));
            }
        });

        if (!numbersEventsAtCommit()) {
            assertThat(tx((StoreTx tx) -> tx.events().sequence(2))).isEqualTo(2);
            assertThat(readAll(start, null, List.of(workspace))).hasSize(2);
            assertThat(tx((StoreTx tx) -> tx.events().sequence(2))).isEqualTo(1);
        }
        assertThat(tx((StoreTx tx) -> tx.events().sequence(2))).isZero();
        assertThat(readAll(start, null, List.of(workspace))).extracting(StoredEvent::cursor)
                .containsExactly(start + 1, start + 2, start + 3);
    }

    @Test
    default void readsNarrowByExactAndWildcardChannelsAndByWorkspace() {
        UUID mine = UUID.randomUUID();
        UUID theirs = UUID.randomUUID();
        UUID flow1 = UUID.randomUUID();
        UUID flow2 = UUID.randomUUID();
        UUID theirFlow = UUID.randomUUID();
        long start = read(tx -> tx.events().lastCursor());
        PlatformEvent started1 = started(mine, flow1, now());
        PlatformEvent error1 = error(mine, flow1, now());
        PlatformEvent error2 = error(mine, flow2, now());
        PlatformEvent activity = activity(mine, now());
        PlatformEvent theirError = error(theirs, theirFlow, now());
        PlatformEvent theirActivity = activity(theirs, now());
        run(tx -> List.of(started1, error1, error2, activity, theirError, theirActivity).forEach(tx.events()::append));
        run(tx -> tx.events().sequence(100));

        assertThat(ids(readAll(start, patterns("flow/" + flow1 + "/error"), null))).containsExactly(error1.eventId());
        assertThat(ids(readAll(start, patterns("flow/*/error"), List.of(mine))))
                .containsExactly(error1.eventId(), error2.eventId());
        assertThat(ids(readAll(start, patterns("flow/*/error"), null)))
                .containsExactly(error1.eventId(), error2.eventId(), theirError.eventId());
        assertThat(ids(readAll(start, patterns("workspace/*/activity", "flow/" + flow1 + "/execution"), List.of(mine, theirs))))
                .containsExactly(started1.eventId(), activity.eventId(), theirActivity.eventId());
        assertThat(ids(readAll(start, patterns("flow/" + theirFlow + "/error"), List.of(mine)))).isEmpty();
        assertThat(ids(readAll(start, null, List.of(theirs)))).containsExactly(theirError.eventId(), theirActivity.eventId());
        assertThat(readAll(start, null, List.of())).as("no workspace, no event").isEmpty();
        assertThat(readAll(start, List.of(), null)).as("no channel, no event").isEmpty();
    }

    @Test
    default void readsPageByCursorAndLimit() {
        UUID workspace = UUID.randomUUID();
        long start = read(tx -> tx.events().lastCursor());
        run(tx -> {
            for (int i = 0; i < 5; i++) {
                tx.events().append(activity(workspace, now()));
            }
        });
        run(tx -> tx.events().sequence(100));

        List<StoredEvent> first = read(tx -> tx.events().read(new Query(start, null, List.of(workspace), 2)));
        List<StoredEvent> second = read(tx -> tx.events().read(new Query(first.getLast().cursor(), null, List.of(workspace), 2)));
        List<StoredEvent> rest = read(tx -> tx.events().read(new Query(second.getLast().cursor(), null, List.of(workspace), 2)));

        assertThat(first).extracting(StoredEvent::cursor).containsExactly(start + 1, start + 2);
        assertThat(second).extracting(StoredEvent::cursor).containsExactly(start + 3, start + 4);
        assertThat(rest).extracting(StoredEvent::cursor).containsExactly(start + 5);
    }

    @Test
    default void retentionDeletesOldSequencedEventsAndCursorsKeepGrowing() {
        UUID workspace = UUID.randomUUID();
        long start = read(tx -> tx.events().lastCursor());
        PlatformEvent old1 = activity(workspace, inYear(2001));
        PlatformEvent old2 = activity(workspace, inYear(2001).plusSeconds(1));
        PlatformEvent recent = activity(workspace, now());
        run(tx -> List.of(old1, old2, recent).forEach(tx.events()::append));
        run(tx -> tx.events().sequence(100));
        PlatformEvent oldButUnsequenced = activity(workspace, inYear(2001));
        run(tx -> tx.events().append(oldButUnsequenced));
        Instant cutoff = inYear(2002);

        assertThat(tx((StoreTx tx) -> tx.events().deleteBefore(cutoff, 1))).isEqualTo(1);
        if (numbersEventsAtCommit()) {
            assertThat(tx((StoreTx tx) -> tx.events().deleteBefore(cutoff, 10))).isEqualTo(2);
            assertThat(ids(readAll(start, null, List.of(workspace)))).containsExactly(recent.eventId());
            assertThat(read((StoreTx tx) -> tx.events().lastCursor())).isEqualTo(start + 4);
            return;
        }
        assertThat(tx((StoreTx tx) -> tx.events().deleteBefore(cutoff, 10))).as("an unsequenced event waits for its cursor").isEqualTo(1);
        assertThat(ids(readAll(start, null, List.of(workspace)))).containsExactly(recent.eventId());
        assertThat(read((StoreTx tx) -> tx.events().lastCursor())).isEqualTo(start + 3);

        run(tx -> tx.events().sequence(100));
        assertThat(readAll(start, null, List.of(workspace))).extracting(StoredEvent::cursor).containsExactly(start + 3, start + 4);
    }

    /**
     * Matches sparse among many other events (several workspaces, a wildcard, several channels) still fill
     * each page in cursor order: the read goes on past the first rows it looks at until the page is full.
     */
    @Test
    default void filteredReadsPageThroughSparseMatchesInCursorOrder() {
        UUID mine = UUID.randomUUID();
        UUID alsoMine = UUID.randomUUID();
        UUID other = UUID.randomUUID();
        long start = read(tx -> tx.events().lastCursor());
        List<UUID> wanted = new ArrayList<>();
        run(tx -> {
            for (int i = 0; i < 300; i++) {
                UUID workspace = i % 3 == 0 ? mine : i % 3 == 1 ? alsoMine : other;
                PlatformEvent event = i % 7 == 0 ? error(workspace, UUID.randomUUID(), now()) : started(workspace, UUID.randomUUID(), now());
                if (workspace != other && i % 7 == 0) {
                    wanted.add(event.eventId());
                }
                tx.events().append(event);
            }
        });
        run(tx -> tx.events().sequence(1_000));

        List<UUID> paged = new ArrayList<>();
        long after = start;
        while (true) {
            long from = after;
            List<StoredEvent> page = read(tx -> tx.events().read(new Query(from, patterns("flow/*/error"), List.of(mine, alsoMine), 3)));
            assertThat(page).hasSizeLessThanOrEqualTo(3);
            if (page.isEmpty()) {
                break;
            }
            page.forEach(event -> paged.add(event.eventId()));
            after = page.getLast().cursor();
        }

        assertThat(paged).containsExactlyElementsOf(wanted);
        assertThat(ids(readAll(start, patterns("flow/*/error", "flow/*/execution"), List.of(other)))).hasSize(100);
    }

    private List<StoredEvent> readAll(long after, Collection<ChannelAddress> patterns, Collection<UUID> workspaces) {
        return read(tx -> tx.events().read(new Query(after, patterns, workspaces, 1_000)));
    }

    private static List<ChannelAddress> patterns(String... values) {
        return java.util.Arrays.stream(values).map(ChannelAddress::pattern).toList();
    }

    private static List<UUID> ids(List<StoredEvent> events) {
        return events.stream().map(StoredEvent::eventId).toList();
    }

    static WorkspaceActivityEvent activity(UUID workspace, Instant at) {
        return new WorkspaceActivityEvent(UUID.randomUUID(), workspace, WorkspaceActivityEvent.ActivityType.UPDATED,
                WorkspaceActivityEvent.ResourceType.FLOW, at, UUID.randomUUID(), UUID.randomUUID());
    }

    static FlowExecutionEvent started(UUID workspace, UUID flow, Instant at) {
        return new FlowExecutionEvent(UUID.randomUUID(), workspace, UUID.randomUUID(), flow,
                FlowExecutionEvent.Status.STARTED, at, null, null);
    }

    static FlowErrorEvent error(UUID workspace, UUID flow, Instant at) {
        return new FlowErrorEvent(UUID.randomUUID(), workspace, UUID.randomUUID(), flow, "step-1",
                new StepError("Error", "it broke", "at step-1"), at, true, 1);
    }
}
