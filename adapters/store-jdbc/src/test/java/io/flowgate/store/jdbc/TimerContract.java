package io.flowgate.store.jdbc;

import static io.flowgate.store.jdbc.StoreFixtures.inYear;
import static org.assertj.core.api.Assertions.assertThat;

import io.flowgate.core.port.Timers.Timer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.assertj.core.api.ListAssert;
import org.junit.jupiter.api.Test;

/**
 * Durable timers, claimed by one node at a time. Each test schedules its timers in a year of its own and
 * deletes them when it ends, so that no test sees another's timers as due.
 */
interface TimerContract extends StoreAccess {

    @Test
    default void claimDueTakesTheDueUnclaimedTimersEarliestFirst() {
        Instant now = inYear(1990);
        Timer late = timer(now.minusSeconds(10));
        Timer early = timer(now.minusSeconds(20));
        Timer exactlyDue = timer(now);
        Timer future = timer(now.plusSeconds(1));
        schedule(late, future, exactlyDue, early);
        try {
            List<Timer> claimed = claim(now, 10, "node-a", now.plusSeconds(30));

            assertThatTimers(claimed).containsExactly(early, late, exactlyDue);
            assertThat(claim(now, 10, "node-a", now.plusSeconds(30))).as("claimed already").isEmpty();
        } finally {
            forget(late, future, exactlyDue, early);
        }
    }

    @Test
    default void claimDueTakesAtMostTheLimit() {
        Instant now = inYear(1991);
        Timer first = timer(now.minusSeconds(3));
        Timer second = timer(now.minusSeconds(2));
        Timer third = timer(now.minusSeconds(1));
        schedule(third, first, second);
        try {
            assertThatTimers(claim(now, 2, "node-a", now.plusSeconds(30))).containsExactly(first, second);
            assertThatTimers(claim(now, 2, "node-a", now.plusSeconds(30))).containsExactly(third);
        } finally {
            forget(third, first, second);
        }
    }

    @Test
    default void aClaimedTimerGoesToAnotherNodeOnlyOnceTheClaimExpiresAndADeletedOneNever() {
        Instant now = inYear(1992);
        Timer kept = timer(now.minusSeconds(1));
        Timer done = timer(now.minusSeconds(1));
        schedule(kept, done);
        try {
            Instant claimUntil = now.plusSeconds(30);
            assertThatTimers(claim(now, 10, "node-a", claimUntil)).containsExactlyInAnyOrder(kept, done);
            run(tx -> tx.timers().delete(done.id()));

            assertThat(claim(now.plusSeconds(10), 10, "node-b", now.plusSeconds(40))).isEmpty();
            assertThatTimers(claim(claimUntil.plusMillis(1), 10, "node-b", claimUntil.plusSeconds(30)))
                    .containsExactly(kept);
        } finally {
            forget(kept, done);
        }
    }

    /**
     * Node b claims while node a's claim is still uncommitted: b does not wait for a, never gets a's timer,
     * and every other due timer goes to exactly one of b and a later claimer.
     */
    @Test
    default void twoNodesClaimingAtOnceNeverGetTheSameTimer() {
        Instant now = inYear(1993);
        Timer one = timer(now.minusSeconds(2));
        Timer two = timer(now.minusSeconds(1));
        schedule(one, two);
        try {
            List<Timer> byB = tx(txA -> {
                assertThatTimers(txA.timers().claimDue(now, 1, "node-a", now.plusSeconds(30))).containsExactly(one);
                try {
                    return CompletableFuture.supplyAsync(() -> claim(now, 10, "node-b", now.plusSeconds(30)))
                            .get(30, TimeUnit.SECONDS);
                } catch (Exception e) {
                    throw new IllegalStateException("node b could not claim while node a's claim was open", e);
                }
            });
            List<Timer> byC = claim(now, 10, "node-c", now.plusSeconds(30));

            assertThatTimers(Stream.concat(byB.stream(), byC.stream()).toList()).containsExactly(two);
        } finally {
            forget(one, two);
        }
    }

    private List<Timer> claim(Instant now, int limit, String nodeId, Instant claimUntil) {
        return tx(tx -> tx.timers().claimDue(now, limit, nodeId, claimUntil));
    }

    private void schedule(Timer... timers) {
        run(tx -> List.of(timers).forEach(tx.timers()::schedule));
    }

    private void forget(Timer... timers) {
        run(tx -> List.of(timers).forEach(timer -> tx.timers().delete(timer.id())));
    }

    /** Timers are equal when their fields are, the payload's bytes included. */
    private static ListAssert<Timer> assertThatTimers(List<Timer> timers) {
        return assertThat(timers).usingRecursiveFieldByFieldElementComparator();
    }

    private static Timer timer(Instant dueAt) {
        UUID id = UUID.randomUUID();
        return new Timer(id, dueAt, "retry", ("{\"timer\":\"" + id + "\"}").getBytes(StandardCharsets.UTF_8));
    }
}
