package io.flowgate.bench.loadgen;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;

/**
 * The receiving end of outbound webhooks on 127.0.0.1: answers every POST with 204 and records, for each
 * event whose timestamp falls in the measured window, its lag (receive time minus the event's own
 * {@code timestamp}).
 */
final class WebhookSink implements EventReceivers, AutoCloseable {

    private final HttpServer server;
    private final Histogram lag = new Histogram(3_600_000_000L, 3);
    private final AtomicLong received = new AtomicLong();
    private final AtomicLong inWindow = new AtomicLong();
    private final AtomicLong lastReceiveNanos = new AtomicLong(System.nanoTime());
    private volatile long windowFromMillis = Long.MAX_VALUE;
    private volatile long windowToMillis = Long.MAX_VALUE;

    WebhookSink() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 1024);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", this::receive);
        server.start();
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    @Override
    public void window(long fromMillis, long toMillis) {
        windowFromMillis = fromMillis;
        windowToMillis = toMillis;
    }

    @Override
    public long received() {
        return received.get();
    }

    @Override
    public long inWindow() {
        return inWindow.get();
    }

    @Override
    public Histogram lagMicros() {
        synchronized (lag) {
            return lag.copy();
        }
    }

    private void receive(HttpExchange exchange) throws IOException {
        long receivedMicros = LoadRun.micros(Instant.now());
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
        }
        exchange.sendResponseHeaders(204, -1);
        exchange.close();
        received.incrementAndGet();
        lastReceiveNanos.set(System.nanoTime());
        long eventMillis = timestampMillis(new String(body, StandardCharsets.UTF_8));
        if (eventMillis >= windowFromMillis && eventMillis < windowToMillis) {
            inWindow.incrementAndGet();
            synchronized (lag) {
                lag.recordValue(Math.max(0, receivedMicros - eventMillis * 1000));
            }
        }
    }

    /** The event payload's {@code timestamp} in epoch milliseconds, -1 when it has none. */
    static long timestampMillis(String payload) {
        int at = payload.indexOf("\"timestamp\":\"");
        if (at < 0) {
            return -1;
        }
        int from = at + "\"timestamp\":\"".length();
        return Instant.parse(payload.substring(from, payload.indexOf('"', from))).toEpochMilli();
    }

    @Override
    public long lastReceiveNanos() {
        return lastReceiveNanos.get();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
