package io.flowgate.bench.loadgen;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;

/** Runs one {@link LoadSpec} against one request with one {@link Transport}. */
public final class LoadRun {

    /** Told about every answer of the measured window; {@code intendedWallMicros} is when it was due. */
    public interface Listener {
        void onResponse(Transport.Response response, long intendedWallMicros);

        Listener NONE = (response, intended) -> { };
    }

    /** What a run measured: answers in the window, their latencies in microseconds, statuses and errors. */
    public record Outcome(LoadSpec spec, String client, long ok, double seconds, Histogram latencyMicros,
                          Map<String, Long> statuses, Map<String, Long> errors, long measureStartWallMicros,
                          long measureEndWallMicros) {
        public double throughput() {
            return ok / seconds;
        }
    }

    private final Transport transport;
    private final LoadSpec spec;
    private final Listener listener;
    private final long nanoZero = System.nanoTime();
    private final long wallZeroMicros = micros(Instant.now());
    private volatile boolean aborted;

    private LoadRun(Transport transport, LoadSpec spec, Listener listener) {
        this.transport = transport;
        this.spec = spec;
        this.listener = listener;
    }

    public static Outcome run(Transport transport, LoadSpec spec, Listener listener) throws InterruptedException {
        return new LoadRun(transport, spec, listener).execute();
    }

    static long micros(Instant instant) {
        return instant.getEpochSecond() * 1_000_000L + instant.getNano() / 1_000;
    }

    private long wallMicros(long nanos) {
        return wallZeroMicros + (nanos - nanoZero) / 1_000;
    }

    private Outcome execute() throws InterruptedException {
        long base = System.nanoTime() + 300_000_000L;
        long measureStart = base + spec.warmup().toNanos();
        long end = measureStart + spec.duration().toNanos();
        AtomicLong next = new AtomicLong();
        List<Worker> workers = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < spec.connections(); i++) {
            Worker worker = new Worker(base, measureStart, end, next);
            workers.add(worker);
            Thread thread = Thread.ofPlatform().daemon().name("load-" + i).start(worker);
            threads.add(thread);
        }
        long deadline = end + spec.drain().toNanos();
        for (Thread thread : threads) {
            long left = deadline - System.nanoTime();
            if (left > 0) {
                thread.join(Math.max(1, left / 1_000_000));
            }
        }
        aborted = true;
        workers.forEach(Worker::abort);
        for (Thread thread : threads) {
            thread.join(2_000);
        }
        Histogram latency = new Histogram(3_600_000_000L, 3);
        Map<String, Long> statuses = new TreeMap<>();
        Map<String, Long> errors = new TreeMap<>();
        long ok = 0;
        long measuredIssued = 0;
        long measuredDone = 0;
        for (Worker worker : workers) {
            latency.add(worker.latency);
            worker.statuses.forEach((k, v) -> statuses.merge(k, v, Long::sum));
            worker.errors.forEach((k, v) -> errors.merge(k, v, Long::sum));
            ok += worker.ok;
            measuredIssued += worker.measuredIssued;
            measuredDone += worker.measuredDone;
        }
        if (measuredIssued > measuredDone) {
            errors.merge("not_completed", measuredIssued - measuredDone, Long::sum);
        }
        statuses.forEach((status, count) -> {
            if (!status.startsWith("2")) {
                errors.merge("http_" + status, count, Long::sum);
            }
        });
        return new Outcome(spec, transport.name(), ok, spec.duration().toNanos() / 1e9, latency, statuses, errors,
                wallMicros(measureStart), wallMicros(end));
    }

    private final class Worker implements Runnable {
        private final long base;
        private final long measureStart;
        private final long end;
        private final AtomicLong next;
        final Histogram latency = new Histogram(3_600_000_000L, 3);
        final Map<String, Long> statuses = new TreeMap<>();
        final Map<String, Long> errors = new TreeMap<>();
        long ok;
        long measuredIssued;
        long measuredDone;
        private volatile Transport.Connection connection;

        Worker(long base, long measureStart, long end, AtomicLong next) {
            this.base = base;
            this.measureStart = measureStart;
            this.end = end;
            this.next = next;
        }

        void abort() {
            Transport.Connection c = connection;
            if (c != null) {
                c.close();
            }
        }

        @Override
        public void run() {
            double interval = spec.model() == LoadSpec.Model.OPEN ? 1e9 / spec.rate() : 0;
            LockSupport.parkNanos(Math.max(0, base - System.nanoTime()));
            while (!aborted) {
                long intended;
                if (spec.model() == LoadSpec.Model.OPEN) {
                    intended = base + (long) (next.getAndIncrement() * interval);
                    if (intended >= end) {
                        return;
                    }
                    long wait;
                    while ((wait = intended - System.nanoTime()) > 0) {
                        LockSupport.parkNanos(wait);
                    }
                } else {
                    intended = System.nanoTime();
                    if (intended >= end) {
                        return;
                    }
                }
                boolean measured = intended >= measureStart;
                if (measured) {
                    measuredIssued++;
                }
                Transport.Response response;
                try {
                    if (connection == null) {
                        connection = transport.open();
                    }
                    response = connection.exchange();
                } catch (IOException | RuntimeException e) {
                    if (aborted) {
                        return;
                    }
                    if (measured) {
                        measuredDone++;
                        errors.merge("io_" + e.getClass().getSimpleName(), 1L, Long::sum);
                    }
                    closeConnection();
                    LockSupport.parkNanos(10_000_000L);
                    continue;
                }
                long done = System.nanoTime();
                if (measured) {
                    measuredDone++;
                    latency.recordValue(Math.max(0, (done - intended) / 1_000));
                    statuses.merge(String.valueOf(response.status()), 1L, Long::sum);
                    boolean inWindow = spec.model() == LoadSpec.Model.OPEN || done <= end;
                    if (response.ok() && inWindow) {
                        ok++;
                    }
                    listener.onResponse(response, wallMicros(intended));
                }
            }
        }

        private void closeConnection() {
            Transport.Connection c = connection;
            connection = null;
            if (c != null) {
                c.close();
            }
        }
    }
}
