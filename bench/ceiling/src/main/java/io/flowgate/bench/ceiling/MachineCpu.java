package io.flowgate.bench.ceiling;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The CPU time the whole machine spends busy, read from Linux's {@code /proc/stat}: what a ceiling costs the
 * machine, whichever process does the work (the broker's fan-out, say, is spread over the node that hosts
 * the broker and the ceiling's own clients). Busy is user, nice, system, irq and softirq time; idle, I/O
 * wait and time stolen by the hypervisor are not.
 */
final class MachineCpu {

    /** The unit of {@code /proc/stat} (USER_HZ), 100 a second on every Linux this runs on. */
    private static final long MICROS_PER_TICK = 10_000;

    private MachineCpu() {
    }

    /** The busy CPU µs of all cores between two instants of {@link System#nanoTime()}, measured in the background. */
    static CompletableFuture<Long> busyMicrosBetween(long startNanos, long endNanos) {
        return CompletableFuture.supplyAsync(() -> {
            sleepUntil(startNanos);
            long before = busyMicros();
            sleepUntil(endNanos);
            return busyMicros() - before;
        });
    }

    static long busyMicros() {
        try {
            String[] ticks = Files.readAllLines(Path.of("/proc/stat")).getFirst().trim().split("\\s+");
            long user = Long.parseLong(ticks[1]);
            long nice = Long.parseLong(ticks[2]);
            long system = Long.parseLong(ticks[3]);
            long irq = Long.parseLong(ticks[6]);
            long softirq = Long.parseLong(ticks[7]);
            return (user + nice + system + irq + softirq) * MICROS_PER_TICK;
        } catch (IOException e) {
            throw new UncheckedIOException("could not read /proc/stat", e);
        }
    }

    private static void sleepUntil(long nanos) {
        for (long left = nanos - System.nanoTime(); left > 0; left = nanos - System.nanoTime()) {
            LockSupport.parkNanos(Math.min(left, TimeUnit.MILLISECONDS.toNanos(100)));
        }
    }
}
