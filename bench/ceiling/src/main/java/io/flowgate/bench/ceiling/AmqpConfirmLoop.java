package io.flowgate.bench.ceiling;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.ConfirmListener;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.MessageProperties;
import io.flowgate.bench.loadgen.Args;
import io.flowgate.bench.loadgen.LoadSpec;
import io.flowgate.bench.loadgen.Results;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentNavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;

/**
 * The broker ceiling: persistent 1 KB messages published with asynchronous confirms on several channels
 * (a bounded window of unconfirmed messages per channel) into a durable queue declared for the run and
 * deleted after it. Throughput = confirms per second; latency = publish to confirm.
 *
 * <p>Usage: {@code java -cp ceiling.jar io.flowgate.bench.ceiling.AmqpConfirmLoop --uri amqp://user:pass@host:port/vhost
 * --mode embedded|external --out DIR [--channels 4] [--window 128] [--size 1024] [--quick]}.
 */
public final class AmqpConfirmLoop {

    private AmqpConfirmLoop() {
    }

    public static void main(String[] argv) throws Exception {
        Args args = new Args(Arrays.asList(argv));
        LoadSpec.Timing timing = LoadSpec.Timing.of(args);
        long warmupNanos = timing.warmup().toNanos();
        long durationNanos = timing.duration().toNanos();
        int channels = args.integer("channels", 4);
        int window = args.integer("window", 128);
        byte[] body = new byte[args.integer("size", 1024)];
        Arrays.fill(body, (byte) 'x');
        String mode = args.text("mode", "embedded");
        ConnectionFactory factory = new ConnectionFactory();
        factory.setUri(args.required("uri"));
        String queue = "flowgate-bench-confirms-" + System.currentTimeMillis();
        System.out.println("ceiling-amqp/" + mode + ": " + channels + " channels, window " + window + ", " + body.length + " B persistent");
        try (Connection connection = factory.newConnection("flowgate-bench")) {
            try (Channel admin = connection.createChannel()) {
                admin.queueDeclare(queue, true, false, false, null);
            }
            long start = System.nanoTime() + 200_000_000L;
            long measureStart = start + warmupNanos;
            long end = measureStart + durationNanos;
            List<Publisher> publishers = new ArrayList<>();
            for (int i = 0; i < channels; i++) {
                publishers.add(new Publisher(connection.createChannel(), queue, body, window, measureStart, end));
            }
            List<Thread> threads = publishers.stream().map(p -> Thread.ofPlatform().name("publish").start(p::run)).toList();
            for (Thread thread : threads) {
                thread.join();
            }
            Histogram latency = new Histogram(3_600_000_000L, 3);
            long confirmed = 0;
            long published = 0;
            long confirmedAll = 0;
            Map<String, Long> errors = new TreeMap<>();
            for (Publisher p : publishers) {
                p.channel.waitForConfirms(10_000);
                latency.add(p.latency);
                confirmed += p.confirmedInWindow.get();
                published += p.published.get();
                confirmedAll += p.confirmed.get();
                if (p.nacked.get() > 0) {
                    errors.merge("nack", p.nacked.get(), Long::sum);
                }
                p.channel.close();
            }
            try (Channel admin = connection.createChannel()) {
                admin.queueDelete(queue);
            }
            double seconds = durationNanos / 1e9;
            ObjectNode result = CeilingResult.of("ceiling-amqp", mode, "confirms",
                    "%d channels x %d unconfirmed, %d B persistent messages".formatted(channels, window, body.length), channels,
                    "amqp-client", new CeilingResult.Measured(confirmed, seconds, "msg/s", "basicPublish -> broker confirm", latency, errors));
            result.put("warmupSeconds", warmupNanos / 1e9);
            result.put("published", published);
            result.put("confirmedIncludingWarmup", confirmedAll);
            Results.write(Path.of(args.required("out")), result);
        }
        System.exit(0);
    }

    private static final class Publisher implements ConfirmListener {
        final Channel channel;
        private final String queue;
        private final byte[] body;
        private final Semaphore permits;
        private final long measureStart;
        private final long end;
        private final ConcurrentNavigableMap<Long, Long> sentAt = new ConcurrentSkipListMap<>();
        final Histogram latency = new Histogram(3_600_000_000L, 3);
        final AtomicLong confirmedInWindow = new AtomicLong();
        final AtomicLong nacked = new AtomicLong();
        final AtomicLong published = new AtomicLong();
        final AtomicLong confirmed = new AtomicLong();

        Publisher(Channel channel, String queue, byte[] body, int window, long measureStart, long end) throws java.io.IOException {
            this.channel = channel;
            this.queue = queue;
            this.body = body;
            this.permits = new Semaphore(window);
            this.measureStart = measureStart;
            this.end = end;
            channel.confirmSelect();
            channel.addConfirmListener(this);
        }

        void run() {
            try {
                while (System.nanoTime() < end) {
                    if (!permits.tryAcquire(100, TimeUnit.MILLISECONDS)) {
                        continue;
                    }
                    long now = System.nanoTime();
                    sentAt.put(channel.getNextPublishSeqNo(), now);
                    channel.basicPublish("", queue, MessageProperties.PERSISTENT_BASIC, body);
                    published.incrementAndGet();
                }
            } catch (Exception e) {
                System.err.println("publisher stopped: " + e);
            }
        }

        @Override
        public void handleAck(long tag, boolean multiple) {
            settle(tag, multiple, true);
        }

        @Override
        public void handleNack(long tag, boolean multiple) {
            settle(tag, multiple, false);
        }

        private void settle(long tag, boolean multiple, boolean ack) {
            long now = System.nanoTime();
            Map<Long, Long> done = multiple ? sentAt.headMap(tag, true) : single(tag);
            int n = 0;
            for (Map.Entry<Long, Long> e : List.copyOf(done.entrySet())) {
                sentAt.remove(e.getKey());
                n++;
                confirmed.incrementAndGet();
                long sent = e.getValue();
                if (!ack) {
                    nacked.incrementAndGet();
                } else if (sent >= measureStart && now <= end) {
                    confirmedInWindow.incrementAndGet();
                    synchronized (latency) {
                        latency.recordValue((now - sent) / 1_000);
                    }
                }
            }
            permits.release(n);
        }

        private Map<Long, Long> single(long tag) {
            Long sent = sentAt.get(tag);
            return sent == null ? Map.of() : Map.of(tag, sent);
        }
    }
}
