package io.flowgate.runtime.support;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A background task run again and again on its own thread: right away while it reports work done,
 * otherwise after {@code idle} or as soon as someone calls {@link #wake()}. A loop may settle after a
 * wake-up before it runs, so that the wake-ups of a busy moment share one run (one transaction instead of
 * one per wake-up). A failing run is logged and the loop goes on after a pause.
 */
public final class Loop implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Loop.class);

    private final String name;
    private final IntSupplier task;
    private final Duration idle;
    private final Duration settle;
    private final Semaphore wakeups = new Semaphore(0);
    private final Thread thread;
    private volatile boolean running = true;

    private Loop(String name, Duration idle, Duration settle, IntSupplier task) {
        this.name = name;
        this.task = task;
        this.idle = idle;
        this.settle = settle;
        this.thread = Thread.ofPlatform().name("flowgate-" + name).daemon().unstarted(this::run);
    }

    /** Starts a loop; {@code task} returns how much work it did (0 = nothing to do, wait). */
    public static Loop start(String name, Duration idle, IntSupplier task) {
        return start(name, idle, Duration.ZERO, task);
    }

    /** Starts a loop that waits {@code settle} after being woken before it runs. */
    public static Loop start(String name, Duration idle, Duration settle, IntSupplier task) {
        Loop loop = new Loop(name, idle, settle, task);
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
                int done = task.getAsInt();
                errorPause = Duration.ofMillis(200);
                if (done == 0 && wakeups.tryAcquire(idle.toMillis(), TimeUnit.MILLISECONDS) && !settle.isZero()) {
                    Thread.sleep(settle);
                    wakeups.drainPermits();
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
