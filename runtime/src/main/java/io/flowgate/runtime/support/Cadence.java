package io.flowgate.runtime.support;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Something done at most once per interval (writing down a position, an idle run): says whether it is
 * due, and when it is, starts the next interval. Used by the one thread that does it.
 */
public final class Cadence {

    private final Clock clock;
    private final Duration interval;
    private Instant next = Instant.MIN;

    public Cadence(Clock clock, Duration interval) {
        this.clock = clock;
        this.interval = interval;
    }

    /** True when the interval since the last time it said so has passed (and the first time). */
    public boolean due() {
        Instant now = clock.instant();
        if (now.isBefore(next)) {
            return false;
        }
        next = now.plus(interval);
        return true;
    }
}
