package io.flowgate.app.testing;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Waits for what a cluster works towards (a backlog worked off, every event delivered) for as long as it
 * makes progress: on a slow machine the backlog a load test leaves takes longer, not forever. The wait
 * fails when what it reads stayed the same for {@code stall}, or after {@code limit} in all.
 *
 * @param <S> a snapshot of what is waited for; progress is a snapshot unequal to the one before
 */
public final class Progress<S> {

    private static final Duration POLL = Duration.ofMillis(500);

    private final Supplier<S> snapshot;
    private final Predicate<S> done;
    private final Function<S, String> describe;

    private Progress(Supplier<S> snapshot, Predicate<S> done, Function<S, String> describe) {
        this.snapshot = snapshot;
        this.done = done;
        this.describe = describe;
    }

    /** Reads {@code snapshot} until {@code done}; {@code describe} tells, on failure, what was still missing. */
    public static <S> Progress<S> of(Supplier<S> snapshot, Predicate<S> done, Function<S, String> describe) {
        return new Progress<>(snapshot, done, describe);
    }

    /** Returns once done; throws an AssertionError saying what was missing when it stalled or ran out of time. */
    public void await(Duration stall, Duration limit) {
        Instant start = Instant.now();
        Instant moved = start;
        S last = null;
        while (true) {
            S now = snapshot.get();
            if (done.test(now)) {
                return;
            }
            Instant at = Instant.now();
            if (!Objects.equals(now, last)) {
                last = now;
                moved = at;
            }
            if (at.isAfter(moved.plus(stall)) || at.isAfter(start.plus(limit))) {
                throw new AssertionError("Nothing moved for " + Duration.between(moved, at).toSeconds() + " s (waited "
                        + Duration.between(start, at).toSeconds() + " s): " + describe.apply(now));
            }
            sleep();
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(POLL);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("Interrupted while waiting", e);
        }
    }
}
