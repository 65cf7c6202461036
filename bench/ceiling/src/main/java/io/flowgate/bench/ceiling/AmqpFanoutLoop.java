package io.flowgate.bench.ceiling;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import com.rabbitmq.client.MessageProperties;
import io.flowgate.bench.loadgen.Args;
import io.flowgate.bench.loadgen.LoadSpec;
import io.flowgate.bench.loadgen.Results;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;

/**
 * The broker's fan-out ceiling: what the broker alone delivers when one publisher sends persistent messages,
 * with confirms, to a topic exchange that routes each to {@code subscribers} durable queues, each consumed
 * on its own channel with manual acknowledgements and the worker's prefetch, as a subscriber flow's queue
 * is. Nothing is done with a delivery but acknowledging it, so this is the most a node could deliver to
 * subscriber flows with every delivery passing through the broker. Throughput = acknowledged deliveries
 * per second; latency = publish to delivery. The publisher holds back while more than {@code --backlog}
 * deliveries are outstanding, so the queues stay short and the run measures the steady state. It also
 * reports what each delivery cost the whole machine in CPU time ({@code machineCpuMicrosPerDelivery}), which
 * the report adds to the store's cost of recording a delivery to bound what fan-out can reach.
 *
 * <p>Usage: {@code java -cp ceiling.jar io.flowgate.bench.ceiling.AmqpFanoutLoop --uri amqp://user:pass@host:port/vhost
 * --mode embedded|external --out DIR [--subscribers 10] [--window 128] [--prefetch 64] [--backlog 20000] [--size 512] [--quick]}.
 */
public final class AmqpFanoutLoop {

    private static final String ROUTING_KEY = "bench.fanout";

    private AmqpFanoutLoop() {
    }

    public static void main(String[] argv) throws Exception {
        Args args = new Args(Arrays.asList(argv));
        LoadSpec.Timing timing = LoadSpec.Timing.of(args);
        long warmupNanos = timing.warmup().toNanos();
        long durationNanos = timing.duration().toNanos();
        int subscribers = args.integer("subscribers", 10);
        int window = args.integer("window", 128);
        int prefetch = args.integer("prefetch", 64);
        long backlog = args.integer("backlog", 20_000);
        int size = Math.max(Long.BYTES, args.integer("size", 512));
        String mode = args.text("mode", "embedded");
        ConnectionFactory factory = new ConnectionFactory();
        factory.setUri(args.required("uri"));
        String name = "flowgate-bench-fanout-" + System.currentTimeMillis();
        System.out.println("ceiling-amqp/" + mode + ": fan-out 1 to " + subscribers + ", window " + window + ", prefetch "
                + prefetch + ", " + size + " B persistent");
        try (Connection publishing = factory.newConnection("flowgate-bench-publish");
             Connection consuming = factory.newConnection("flowgate-bench-consume")) {
            List<String> queues = declare(publishing, name, subscribers);
            long start = System.nanoTime() + 200_000_000L;
            Window measured = new Window(start + warmupNanos, start + warmupNanos + durationNanos);
            List<Subscriber> consumers = new ArrayList<>();
            for (String queue : queues) {
                consumers.add(Subscriber.start(consuming.createChannel(), queue, prefetch, measured));
            }
            CompletableFuture<Long> machineBusyMicros = MachineCpu.busyMicrosBetween(measured.start, measured.end);
            Publisher publisher = new Publisher(publishing.createChannel(), name, size, window, measured, backlog, subscribers, consumers);
            publisher.run();
            publisher.channel.waitForConfirms(10_000);
            ObjectNode result = result(mode, subscribers, window, prefetch, size, measured, publisher, consumers);
            putMachineCpu(result, machineBusyMicros.join());
            for (Subscriber consumer : consumers) {
                consumer.channel.basicCancel(consumer.getConsumerTag());
            }
            try (Channel admin = publishing.createChannel()) {
                for (String queue : queues) {
                    admin.queueDelete(queue);
                }
                admin.exchangeDelete(name);
            }
            Results.write(Path.of(args.required("out")), result);
        }
        System.exit(0);
    }

    /** A durable topic exchange and {@code subscribers} durable queues bound to it, named after the run. */
    private static List<String> declare(Connection connection, String name, int subscribers) throws IOException, TimeoutException {
        List<String> queues = new ArrayList<>();
        try (Channel admin = connection.createChannel()) {
            admin.exchangeDeclare(name, "topic", true);
            for (int i = 0; i < subscribers; i++) {
                String queue = name + "-" + i;
                admin.queueDeclare(queue, true, false, false, null);
                admin.queueBind(queue, name, "bench.#");
                queues.add(queue);
            }
        }
        return queues;
    }

    private static ObjectNode result(String mode, int subscribers, int window, int prefetch, int size, Window measured,
                                     Publisher publisher, List<Subscriber> consumers) {
        Histogram latency = new Histogram(3_600_000_000L, 3);
        long delivered = 0;
        for (Subscriber consumer : consumers) {
            synchronized (consumer.latency) {
                latency.add(consumer.latency);
            }
            delivered += consumer.inWindow.get();
        }
        double seconds = (measured.end - measured.start) / 1e9;
        Map<String, Long> errors = publisher.nacked.get() > 0 ? Map.of("nack", publisher.nacked.get()) : Map.of();
        ObjectNode result = CeilingResult.of("ceiling-amqp", mode, "fanout1to" + subscribers,
                "1 publisher (%d unconfirmed) to %d durable queues, prefetch %d, %d B persistent messages"
                        .formatted(window, subscribers, prefetch, size), 2, "amqp-client",
                new CeilingResult.Measured(delivered, seconds, "deliveries/s", "basicPublish -> delivery to the consumer", latency, errors));
        result.put("publishThroughput", Results.round(publisher.confirmedInWindow.get() / seconds));
        result.put("subscribers", subscribers);
        return result;
    }

    /**
     * The CPU time of the whole machine per delivery (the broker and these clients, on every core): what a
     * delivery through the broker costs, whether or not the run kept the cores busy.
     */
    private static void putMachineCpu(ObjectNode result, long busyMicros) {
        long delivered = result.path("count").asLong();
        if (delivered > 0) {
            double perDelivery = (double) busyMicros / delivered;
            result.put("machineCpuMicrosPerDelivery", Results.round(perDelivery));
            System.out.printf("  machine CPU: %.1f µs a delivery%n", perDelivery);
        }
    }

    /** The measured window, in {@link System#nanoTime()}. */
    private record Window(long start, long end) {
        boolean contains(long nanos) {
            return nanos >= start && nanos <= end;
        }
    }

    /** Publishes until the window ends, at most {@code window} unconfirmed and {@code backlog} undelivered. */
    private static final class Publisher {
        final Channel channel;
        private final String exchange;
        private final byte[] body;
        private final Semaphore permits;
        private final Window measured;
        private final long backlog;
        private final int subscribers;
        private final List<Subscriber> consumers;
        final AtomicLong confirmedInWindow = new AtomicLong();
        final AtomicLong nacked = new AtomicLong();
        private long published;

        Publisher(Channel channel, String exchange, int size, int window, Window measured, long backlog, int subscribers,
                  List<Subscriber> consumers) throws IOException {
            this.channel = channel;
            this.exchange = exchange;
            this.body = new byte[size];
            Arrays.fill(body, (byte) 'x');
            this.permits = new Semaphore(window);
            this.measured = measured;
            this.backlog = backlog;
            this.subscribers = subscribers;
            this.consumers = consumers;
            channel.confirmSelect();
            channel.addConfirmListener((tag, multiple) -> settle(tag, multiple, true), (tag, multiple) -> settle(tag, multiple, false));
        }

        void run() throws IOException, InterruptedException {
            while (System.nanoTime() < measured.end) {
                if (outstanding() > backlog) {
                    Thread.sleep(1);
                    continue;
                }
                if (!permits.tryAcquire(100, TimeUnit.MILLISECONDS)) {
                    continue;
                }
                ByteBuffer.wrap(body).putLong(System.nanoTime());
                channel.basicPublish(exchange, ROUTING_KEY, MessageProperties.PERSISTENT_BASIC, body);
                published++;
            }
        }

        private long outstanding() {
            long delivered = consumers.stream().mapToLong(c -> c.delivered.get()).sum();
            return published * subscribers - delivered;
        }

        private final AtomicLong lastSettled = new AtomicLong();

        private void settle(long tag, boolean multiple, boolean ack) {
            long from = multiple ? lastSettled.get() + 1 : tag;
            long count = Math.max(0, tag - from + 1);
            lastSettled.accumulateAndGet(tag, Math::max);
            if (!ack) {
                nacked.addAndGet(count);
            } else if (measured.contains(System.nanoTime())) {
                confirmedInWindow.addAndGet(count);
            }
            permits.release((int) count);
        }
    }

    /** Acknowledges every delivery of its queue one by one, as a worker does, recording publish-to-delivery latency. */
    private static final class Subscriber extends DefaultConsumer {
        final Channel channel;
        private final Window measured;
        final Histogram latency = new Histogram(3_600_000_000L, 3);
        final AtomicLong delivered = new AtomicLong();
        final AtomicLong inWindow = new AtomicLong();

        private Subscriber(Channel channel, Window measured) {
            super(channel);
            this.channel = channel;
            this.measured = measured;
        }

        static Subscriber start(Channel channel, String queue, int prefetch, Window measured) throws IOException {
            Subscriber subscriber = new Subscriber(channel, measured);
            channel.basicQos(prefetch);
            channel.basicConsume(queue, false, subscriber);
            return subscriber;
        }

        @Override
        public void handleDelivery(String tag, Envelope envelope, AMQP.BasicProperties properties, byte[] body) throws IOException {
            long now = System.nanoTime();
            long sent = ByteBuffer.wrap(body).getLong();
            channel.basicAck(envelope.getDeliveryTag(), false);
            delivered.incrementAndGet();
            if (measured.contains(sent) && measured.contains(now)) {
                inWindow.incrementAndGet();
                synchronized (latency) {
                    latency.recordValue(Math.max(0, (now - sent) / 1_000));
                }
            }
        }
    }
}
