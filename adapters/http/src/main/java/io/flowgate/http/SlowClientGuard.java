package io.flowgate.http;

import io.helidon.http.Headers;
import io.helidon.http.HttpPrologue;
import io.helidon.webserver.ConnectionContext;
import io.helidon.webserver.http1.Http1ConnectionListener;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Cuts off clients that send a request too slowly (slowloris): the headers must arrive within the read
 * timeout of the request line, and a handler reading a body gives it the same time. The connection's
 * thread is interrupted when the time is up, which closes its socket (blocking channel reads are
 * interruptible); the web server itself only does this while it waits for a request line.
 */
public final class SlowClientGuard implements Http1ConnectionListener, AutoCloseable {

    private final Duration timeout;
    private final Map<Thread, Long> deadlines = new ConcurrentHashMap<>();
    private final ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor(
            runnable -> Thread.ofPlatform().name("flowgate-slow-client-guard").daemon().unstarted(runnable));

    public SlowClientGuard(Duration timeout) {
        this.timeout = timeout;
        long period = Math.max(100, Math.min(1_000, timeout.toMillis() / 4));
        watchdog.scheduleAtFixedRate(this::cutOffLateClients, period, period, TimeUnit.MILLISECONDS);
    }

    @Override
    public void prologue(ConnectionContext ctx, HttpPrologue prologue) {
        deadlines.put(Thread.currentThread(), System.nanoTime() + timeout.toNanos());
    }

    @Override
    public void headers(ConnectionContext ctx, Headers headers) {
        deadlines.remove(Thread.currentThread());
    }

    /** Runs {@code read} (a body read on the current thread) within the time limit. */
    public <T> T within(Supplier<T> read) {
        deadlines.put(Thread.currentThread(), System.nanoTime() + timeout.toNanos());
        try {
            return read.get();
        } finally {
            deadlines.remove(Thread.currentThread());
            Thread.interrupted();
        }
    }

    private void cutOffLateClients() {
        long now = System.nanoTime();
        deadlines.forEach((thread, deadline) -> {
            if (now - deadline > 0 && deadlines.remove(thread, deadline)) {
                thread.interrupt();
            }
        });
    }

    @Override
    public void close() {
        watchdog.shutdownNow();
    }
}
