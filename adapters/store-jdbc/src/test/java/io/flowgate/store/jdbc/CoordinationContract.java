package io.flowgate.store.jdbc;

import static io.flowgate.store.jdbc.StoreFixtures.inYear;
import static io.flowgate.store.jdbc.StoreFixtures.now;
import static org.assertj.core.api.Assertions.assertThat;

import io.flowgate.core.port.StoreTx;
import io.flowgate.core.port.DeadLetters.DeadLetter;
import io.flowgate.core.port.IdempotencyKeys.Entry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Idempotency keys, leases and dead letters: what keeps work from running twice or getting lost. */
interface CoordinationContract extends StoreAccess {

    Duration WINDOW = Duration.ofHours(24);

    @Test
    default void anIdempotencyKeyAnswersTheFirstEntryWithinTheWindow() {
        UUID flow = UUID.randomUUID();
        Instant now = now();
        Entry first = entry(flow, "order-1", now.minusSeconds(60));
        Entry repeat = entry(flow, "order-1", now);

        assertThat(put(first, now.minus(WINDOW))).isEmpty();
        assertThat(put(repeat, now.minus(WINDOW))).contains(first);
        assertThat(put(entry(UUID.randomUUID(), "order-1", now), now.minus(WINDOW)))
                .as("keys belong to one flow").isEmpty();
        assertThat(put(entry(flow, "order-2", now), now.minus(WINDOW))).isEmpty();
    }

    @Test
    default void anExpiredOrRemovedIdempotencyKeyIsReplaced() {
        UUID flow = UUID.randomUUID();
        Instant now = now();
        Entry expired = entry(flow, "key", now.minus(WINDOW).minusSeconds(1));
        Entry fresh = entry(flow, "key", now);
        run(tx -> tx.idempotencyKeys().putIfAbsent(expired, expired.createdAt().minus(WINDOW)));

        assertThat(put(fresh, now.minus(WINDOW))).isEmpty();
        assertThat(put(entry(flow, "key", now), now.minus(WINDOW))).contains(fresh);

        run(tx -> tx.idempotencyKeys().remove(flow, "key"));
        Entry afterRemoval = entry(flow, "key", now);
        assertThat(put(afterRemoval, now.minus(WINDOW))).isEmpty();
        assertThat(put(entry(flow, "key", now), now.minus(WINDOW))).contains(afterRemoval);
    }

    @Test
    default void retentionDeletesOldIdempotencyKeysInBatches() {
        UUID flow = UUID.randomUUID();
        Entry old1 = entry(flow, "a", inYear(2003));
        Entry old2 = entry(flow, "b", inYear(2003).plusSeconds(1));
        Entry recent = entry(flow, "c", now());
        run(tx -> {
            tx.idempotencyKeys().putIfAbsent(old1, inYear(2000));
            tx.idempotencyKeys().putIfAbsent(old2, inYear(2000));
            tx.idempotencyKeys().putIfAbsent(recent, inYear(2000));
        });

        assertThat(tx((StoreTx tx) -> tx.idempotencyKeys().deleteBefore(inYear(2004), 1))).isEqualTo(1);
        assertThat(tx((StoreTx tx) -> tx.idempotencyKeys().deleteBefore(inYear(2004), 10))).isEqualTo(1);

        assertThat(put(entry(flow, "a", now()), inYear(2000))).as("deleted").isEmpty();
        assertThat(put(entry(flow, "c", now()), inYear(2000))).contains(recent);
    }

    @Test
    default void aLeaseIsHeldAndRenewedByItsHolderAndRefusedToOthersUntilItExpires() {
        String lease = "lease-" + UUID.randomUUID();
        Instant t = now();

        assertThat(acquire(lease, "node-a", t, t.plusSeconds(10))).isTrue();
        assertThat(acquire(lease, "node-b", t.plusSeconds(1), t.plusSeconds(11))).isFalse();
        assertThat(acquire(lease, "node-a", t.plusSeconds(5), t.plusSeconds(20))).as("renewed").isTrue();
        assertThat(acquire(lease, "node-b", t.plusSeconds(15), t.plusSeconds(25))).isFalse();
        assertThat(acquire(lease, "node-b", t.plusSeconds(21), t.plusSeconds(31))).as("expired").isTrue();
        assertThat(acquire(lease, "node-a", t.plusSeconds(22), t.plusSeconds(32))).isFalse();
        assertThat(acquire("other-" + lease, "node-a", t, t.plusSeconds(10))).as("leases are independent")
                .isTrue();
    }

    @Test
    default void onlyTheHolderReleasesALease() {
        String lease = "lease-" + UUID.randomUUID();
        Instant t = now();
        run(tx -> tx.leases().tryAcquire(lease, "node-a", t, t.plusSeconds(60)));

        run(tx -> tx.leases().release(lease, "node-b"));
        assertThat(acquire(lease, "node-b", t, t.plusSeconds(60))).isFalse();

        run(tx -> tx.leases().release(lease, "node-a"));
        assertThat(acquire(lease, "node-b", t, t.plusSeconds(60))).isTrue();
    }

    @Test
    default void deadLettersAreKeptWithTheirReasonAndListedNewestFirst() {
        UUID workspace = UUID.randomUUID();
        DeadLetter older = letter(workspace, now().minusSeconds(10));
        DeadLetter newer = letter(workspace, now());
        DeadLetter elsewhere = letter(UUID.randomUUID(), now());
        DeadLetter unattributed = new DeadLetter(UUID.randomUUID(), null, null, "topic:" + "k".repeat(255), null, "no flow",
                "{}".getBytes(StandardCharsets.UTF_8), now());
        run(tx -> {
            tx.deadLetters().insert(older);
            tx.deadLetters().insert(newer);
            tx.deadLetters().insert(elsewhere);
            tx.deadLetters().insert(unattributed);
        });

        assertThat(read((StoreTx tx) -> tx.deadLetters().list(workspace, 10))).usingRecursiveFieldByFieldElementComparator()
                .containsExactly(newer, older);
        assertThat(read((StoreTx tx) -> tx.deadLetters().list(workspace, 1))).extracting(DeadLetter::id).containsExactly(newer.id());
        assertThat(read((StoreTx tx) -> tx.deadLetters().list(null, 1_000))).extracting(DeadLetter::id)
                .contains(older.id(), newer.id(), elsewhere.id(), unattributed.id());
        assertThat(read((StoreTx tx) -> tx.deadLetters().find(unattributed.id()))).get().usingRecursiveComparison().isEqualTo(unattributed);

        run(tx -> tx.deadLetters().delete(older.id()));
        assertThat(read((StoreTx tx) -> tx.deadLetters().find(older.id()))).isEmpty();
        assertThat(read((StoreTx tx) -> tx.deadLetters().list(workspace, 10))).extracting(DeadLetter::id).containsExactly(newer.id());
    }

    @Test
    default void watermarksStartAtZeroAndOnlyMoveForward() {
        String locked = "follower-" + UUID.randomUUID();
        String advanced = "follower-" + UUID.randomUUID();

        assertThat(read((StoreTx tx) -> tx.watermarks().get(advanced))).isZero();
        assertThat(tx((StoreTx tx) -> tx.watermarks().lock(locked))).as("a new follower starts at 0").isZero();
        run(tx -> tx.watermarks().advance(advanced, 42));
        run(tx -> tx.watermarks().advance(advanced, 7));
        run(tx -> tx.watermarks().advance(locked, 5));

        assertThat(read((StoreTx tx) -> tx.watermarks().get(advanced))).isEqualTo(42);
        assertThat(tx((StoreTx tx) -> tx.watermarks().lock(advanced))).isEqualTo(42);
        assertThat(tx((StoreTx tx) -> tx.watermarks().lock(locked))).isEqualTo(5);
    }

    private Optional<Entry> put(Entry entry, Instant notBefore) {
        return tx(tx -> tx.idempotencyKeys().putIfAbsent(entry, notBefore));
    }

    private boolean acquire(String lease, String holder, Instant now, Instant until) {
        return tx(tx -> tx.leases().tryAcquire(lease, holder, now, until));
    }

    private static Entry entry(UUID flow, String key, Instant createdAt) {
        return new Entry(flow, key, UUID.randomUUID(), UUID.randomUUID(), createdAt);
    }

    private static DeadLetter letter(UUID workspace, Instant at) {
        return new DeadLetter(UUID.randomUUID(), workspace, UUID.randomUUID(), "flow-queue", "message-1",
                "not JSON: unexpected character 'x'", new byte[] {'x', 0, (byte) 0xff, '{'}, at);
    }
}
