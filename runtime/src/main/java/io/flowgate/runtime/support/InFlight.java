package io.flowgate.runtime.support;

import java.time.Duration;
import java.time.Instant;

/** Counts pieces of work in progress, so that a stopping node can wait for them to finish. */
public final class InFlight {

    private int count;

    public synchronized void enter() {
        count++;
    }

    public synchronized void leave() {
        count--;
        if (count == 0) {
            notifyAll();
        }
    }

    public synchronized int count() {
        return count;
    }

    /** Waits until nothing is in progress, or until {@code deadline}; false if something still was then. */
    public synchronized boolean awaitIdle(Instant deadline) {
        while (count > 0) {
            Duration left = Duration.between(Instant.now(), deadline);
            if (left.isNegative() || left.isZero()) {
                return false;
            }
            try {
                wait(Math.max(1, left.toMillis()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }
}
