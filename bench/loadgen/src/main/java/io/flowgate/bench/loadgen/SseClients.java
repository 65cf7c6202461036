package io.flowgate.bench.loadgen;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;

/**
 * N Server-Sent Events clients on raw sockets, each recording for every event its lag: the receive time
 * minus the event's own {@code timestamp}.
 */
final class SseClients implements EventReceivers, AutoCloseable {

    private final HttpSpec request;
    private final List<Client> clients = new ArrayList<>();
    private final CountDownLatch connected;
    final AtomicLong received = new AtomicLong();
    private final AtomicLong lastReceiveNanos = new AtomicLong(System.nanoTime());
    private volatile long windowFromMillis = Long.MAX_VALUE;
    private volatile long windowToMillis = Long.MAX_VALUE;
    private volatile boolean closing;

    SseClients(HttpSpec request, int count) {
        this.request = request;
        this.connected = new CountDownLatch(count);
        for (int i = 0; i < count; i++) {
            Client client = new Client();
            clients.add(client);
            Thread.ofVirtual().name("sse-" + i).start(client);
        }
    }

    boolean awaitConnected(long seconds) throws InterruptedException {
        return connected.await(seconds, TimeUnit.SECONDS);
    }

    long connectedCount() {
        return clients.size() - connected.getCount();
    }

    @Override
    public void window(long fromMillis, long toMillis) {
        this.windowFromMillis = fromMillis;
        this.windowToMillis = toMillis;
    }

    @Override
    public long received() {
        return received.get();
    }

    @Override
    public long inWindow() {
        return clients.stream().mapToLong(c -> c.inWindow).sum();
    }

    List<String> failures() {
        return clients.stream().map(c -> c.failure).filter(f -> f != null).distinct().toList();
    }

    /** Call after {@link #close()}. */
    @Override
    public Histogram lagMicros() {
        Histogram all = new Histogram(3_600_000_000L, 3);
        clients.forEach(c -> {
            synchronized (c.lag) {
                all.add(c.lag);
            }
        });
        return all;
    }

    @Override
    public long lastReceiveNanos() {
        return lastReceiveNanos.get();
    }

    @Override
    public void close() {
        closing = true;
        clients.forEach(Client::close);
    }

    private final class Client implements Runnable {
        final Histogram lag = new Histogram(3_600_000_000L, 3);
        volatile long inWindow;
        volatile String failure;
        private volatile Socket socket;

        @Override
        public void run() {
            boolean counted = false;
            try (Socket s = new Socket()) {
                socket = s;
                s.setTcpNoDelay(true);
                s.connect(new InetSocketAddress(request.uri().getHost(), request.port()), 5_000);
                OutputStream out = s.getOutputStream();
                out.write(request.wireBytes());
                out.flush();
                Wire wire = new Wire(s.getInputStream());
                Wire.Head head = wire.readHead();
                if (head.status() != 200) {
                    failure = "stream answered " + head.status();
                    return;
                }
                LineReader lines = new LineReader(wire, head.chunked());
                String data = null;
                String line;
                while ((line = lines.next()) != null) {
                    if (line.startsWith(":")) {
                        if (!counted) {
                            counted = true;
                            connected.countDown();
                        }
                    } else if (line.startsWith("data:")) {
                        data = line.substring(5).trim();
                    } else if (line.isEmpty() && data != null) {
                        event(data);
                        data = null;
                    }
                }
            } catch (IOException | RuntimeException e) {
                if (!closing) {
                    failure = e.toString();
                }
            } finally {
                if (!counted) {
                    connected.countDown();
                }
            }
        }

        private void event(String data) {
            long receivedMicros = LoadRun.micros(Instant.now());
            lastReceiveNanos.set(System.nanoTime());
            received.incrementAndGet();
            long millis = WebhookSink.timestampMillis(data);
            if (millis >= windowFromMillis && millis < windowToMillis) {
                inWindow++;
                synchronized (lag) {
                    lag.recordValue(Math.max(0, receivedMicros - millis * 1000));
                }
            }
        }

        void close() {
            Socket s = socket;
            if (s != null) {
                try {
                    s.close();
                } catch (IOException ignored) {
                    // closing anyway
                }
            }
        }
    }

    /** Lines of a (possibly chunked) streaming body. */
    private static final class LineReader {
        private final Wire wire;
        private final boolean chunked;
        private long chunkLeft;
        private final byte[] buf = new byte[8192];
        private int pos;
        private int lim;
        private final StringBuilder line = new StringBuilder();

        LineReader(Wire wire, boolean chunked) {
            this.wire = wire;
            this.chunked = chunked;
        }

        private boolean fill() throws IOException {
            if (chunked && chunkLeft == 0) {
                long size = wire.chunkSize();
                if (size == 0) {
                    return false;
                }
                chunkLeft = size;
            }
            int max = chunked ? (int) Math.min(buf.length, chunkLeft) : buf.length;
            int n = wire.read(buf, 0, max);
            if (n < 0) {
                return false;
            }
            pos = 0;
            lim = n;
            if (chunked) {
                chunkLeft -= n;
                if (chunkLeft == 0) {
                    wire.readLine();
                }
            }
            return true;
        }

        String next() throws IOException {
            while (true) {
                if (pos >= lim && !fill()) {
                    return null;
                }
                while (pos < lim) {
                    byte b = buf[pos++];
                    if (b == '\n') {
                        int len = line.length();
                        if (len > 0 && line.charAt(len - 1) == '\r') {
                            line.setLength(len - 1);
                        }
                        String text = line.toString();
                        line.setLength(0);
                        return text;
                    }
                    line.append((char) (b & 0xff));
                }
            }
        }
    }

    static String utf8(String text) {
        return new String(text.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
    }
}
