package io.flowgate.runtime.support;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A background task run again and again on its own thread: right away while it reports work done,
 * otherwise after {@code idle} or as soon as someone calls {@link #wake()}.
 *
 * <p>A paced loop starts runs at most once per {@link Pace#interval()}, unless a run did a whole batch
 * (a backlog: it goes on right away). Under load the wake-ups of a busy moment then share one run: one
 * transaction, and with the embedded database one write of its pages, instead of one per wake-up. Each
 * piece of work waits at most one interval longer. A failing run is logged and the loop goes on after a
 * pause.
 */
public final class Loop implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Loop.class);

    /**
     * How often a loop may run: at most once per {@code interval}, except right after a run that did
     * {@code batch} units of work or more.
     */
    public record Pace(Duration interval, int batch) {
        static final Pace NONE = new Pace(Duration.ZERO, 1);
    }

    private final String name;
    private final IntSupplier task;
    private final Duration idle;
    private final Pace pace;
    private final Semaphore wakeups = new Semaphore(0);
    private final Thread thread;
    private volatile boolean running = true;

    private Loop(String name, Duration idle, Pace pace, IntSupplier task) {
        this.name = name;
        this.task = task;
        this.idle = idle;
        this.pace = pace;
        this.thread = Thread.ofPlatform().name("flowgate-" + name).daemon().unstarted(this::run);
    }

    /** Starts a loop; {@code task} returns how much work it did (0 = nothing to do, wait). */
    public static Loop start(String name, Duration idle, IntSupplier task) {
        return start(name, idle, Pace.NONE, task);
    }

    /** Starts a loop whose runs start at most once per {@code pace} while each does less than a batch. */
    public static Loop start(String name, Duration idle, Pace pace, IntSupplier task) {
        Loop loop = new Loop(name, idle, pace, task);
        loop.thread.start();
        return loop;
    }

    public void wake() {
        if (wakeups.availablePermits() == 0) {
            wakeups.release();
        }
    }

    private void run() {
        Duration errorPause = Duration.ofMillis(200);
        while (running) {
            try {
                long started = System.nanoTime();
                wakeups.drainPermits();
                int done = task.getAsInt();
                errorPause = Duration.ofMillis(200);
                if (done < pace.batch()) {
                    if (done == 0) {
                        wakeups.tryAcquire(idle.toMillis(), TimeUnit.MILLISECONDS);
                    }
                    sleepUntil(started + pace.interval().toNanos());
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                if (!running) {
                    return;
                }
                LOG.warn("{} failed, trying again in {} ms: {}", name, errorPause.toMillis(), e.toString());
                LOG.debug("{} failure", name, e);
                pause(errorPause);
                errorPause = errorPause.multipliedBy(2).compareTo(Duration.ofSeconds(5)) > 0 ? Duration.ofSeconds(5) : errorPause.multipliedBy(2);
            }
        }
    }

    private static void sleepUntil(long nanoTime) throws InterruptedException {
        long left = nanoTime - System.nanoTime();
        if (left > 0) {
            TimeUnit.NANOSECONDS.sleep(left);
        }
    }

    private void pause(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
