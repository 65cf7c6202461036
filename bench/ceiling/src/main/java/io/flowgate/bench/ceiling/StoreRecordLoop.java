package io.flowgate.bench.ceiling;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flowgate.bench.loadgen.Args;
import io.flowgate.bench.loadgen.LoadSpec;
import io.flowgate.bench.loadgen.Results;
import io.flowgate.core.Ids;
import io.flowgate.core.Json;
import io.flowgate.core.execution.Execution;
import io.flowgate.core.execution.ExecutionStatus;
import io.flowgate.core.execution.StepAttempt;
import io.flowgate.core.execution.StepRunStatus;
import io.flowgate.core.message.StepMessage;
import io.flowgate.core.port.ExecutionRepository.AttemptRecord;
import io.flowgate.core.port.StoreTx;
import io.flowgate.runtime.engine.EventFactory;
import io.flowgate.runtime.engine.StepMessageCodec;
import io.flowgate.store.jdbc.JdbcStore;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Map;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.HdrHistogram.Histogram;

/**
 * The embedded database's ceiling for subscriber executions: what the store alone takes when one thread
 * writes what the step writer writes for each delivery of a topic message to a two-step subscriber flow
 * (the execution, already ended; two step attempts, each with its input, the trigger's with its hand-off to
 * the log step as what it emitted; the started and ended events), {@code --batch} deliveries per
 * transaction, as the group commit shares them. Nothing else runs: no broker, no HTTP, no steps. Throughput = deliveries recorded per
 * second; latency = one transaction, from its first write to its commit. Fan-out through Flowgate divided by
 * this is the share of a delivery's cost that is the database's. The result also gives the process's CPU
 * time per delivery, which compares variants better than throughput on a shared machine.
 *
 * <p>{@code --leave-out} drops parts of the record ({@code trigger}: the trigger's attempt, {@code execution},
 * {@code events}; comma-separated) to measure what each costs; the result's variant names them.
 *
 * <p>Usage: {@code java -cp ceiling.jar io.flowgate.bench.ceiling.StoreRecordLoop --out DIR [--batch 64]
 * [--flows 10] [--leave-out trigger,execution,events] [--quick]}.
 */
public final class StoreRecordLoop {

    /** The parts of a delivery's record that {@code --leave-out} can drop. */
    private enum Part { TRIGGER, EXECUTION, EVENTS }

    private StoreRecordLoop() {
    }

    public static void main(String[] argv) throws Exception {
        Args args = new Args(Arrays.asList(argv));
        LoadSpec.Timing timing = LoadSpec.Timing.of(args);
        int batch = args.integer("batch", 64);
        int flows = args.integer("flows", 10);
        Set<Part> leftOut = leftOut(args.words("leave-out"));
        Path dir = Files.createTempDirectory("flowgate-store-ceiling");
        System.out.println("ceiling-store/embedded: " + batch + " deliveries a transaction, " + flows + " subscriber flows"
                + (leftOut.isEmpty() ? "" : ", leaving out " + names(leftOut, ", ")));
        try (JdbcStore store = JdbcStore.open(new JdbcStore.Settings(JdbcStore.embeddedUrl(dir.resolve("flowgate")), "sa", "",
                2, Duration.ofSeconds(10)))) {
            Deliveries deliveries = new Deliveries(flows, leftOut);
            record(store, deliveries, batch, timing.warmup(), null);
            Histogram latency = new Histogram(3_600_000_000L, 3);
            long start = System.nanoTime();
            long cpuBefore = processCpuNanos();
            long recorded = record(store, deliveries, batch, timing.duration(), latency);
            double seconds = (System.nanoTime() - start) / 1e9;
            ObjectNode result = result(batch, flows, leftOut, recorded, seconds, latency);
            double cpuMicrosPerDelivery = (processCpuNanos() - cpuBefore) / 1e3 / recorded;
            result.put("cpuMicrosPerDelivery", Results.round(cpuMicrosPerDelivery));
            System.out.printf("  process CPU: %.1f µs a delivery%n", cpuMicrosPerDelivery);
            Results.write(Path.of(args.required("out")), result);
        } finally {
            deleteTree(dir);
        }
    }

    /**
     * CPU time of the whole process (writer, H2's background threads, GC, JIT): on a shared machine it varies
     * far less from run to run than throughput does, so variants compare on it.
     */
    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /** Records batches for {@code duration}; returns how many deliveries. */
    private static long record(JdbcStore store, Deliveries deliveries, int batch, Duration duration, Histogram latency) {
        long end = System.nanoTime() + duration.toNanos();
        long recorded = 0;
        while (System.nanoTime() < end) {
            long began = System.nanoTime();
            store.transact(tx -> {
                for (int i = 0; i < batch; i++) {
                    deliveries.recordNext(tx);
                }
                return null;
            });
            if (latency != null) {
                latency.recordValue(Math.max(1, (System.nanoTime() - began) / 1_000));
            }
            recorded += batch;
        }
        return recorded;
    }

    /** What the engine records for one delivery of a topic message to a subscriber flow (trigger, then a log step). */
    private static final class Deliveries {

        private final Ids ids = new Ids(Clock.systemUTC());
        private final EventFactory events = new EventFactory(ids, Clock.systemUTC());
        private final UUID workspaceId = UUID.randomUUID();
        private final UUID[] flowIds;
        private final Set<Part> leftOut;
        private long count;

        Deliveries(int flows, Set<Part> leftOut) {
            flowIds = Stream.generate(UUID::randomUUID).limit(flows).toArray(UUID[]::new);
            this.leftOut = leftOut;
        }

        void recordNext(StoreTx tx) {
            UUID flowId = flowIds[(int) (count++ % flowIds.length)];
            UUID messageId = ids.next();
            UUID executionId = Ids.deriveInOrderOf(messageId, "topic-execution", flowId, messageId);
            Instant now = Instant.now();
            JsonNode message = topicMessage(messageId, now);
            Execution execution = new Execution(executionId, flowId, workspaceId, 1, ExecutionStatus.COMPLETED, messageId,
                    messageId.toString(), now, now, 2, 0, 0);
            StepMessage trigger = step(Ids.deriveInOrderOf(messageId, "topic-trigger", flowId, messageId), null, execution, "in", message);
            StepMessage log = step(ids.next(), trigger.messageId(), execution, "log", message);
            if (!leftOut.contains(Part.TRIGGER)) {
                tx.executions().recordAttempt(attempt(trigger, StepMessageCodec.handOff(log), now));
            }
            tx.executions().recordAttempt(attempt(log, Json.array(), now));
            if (!leftOut.contains(Part.EXECUTION)) {
                tx.executions().insertIfAbsent(execution);
            }
            if (!leftOut.contains(Part.EVENTS)) {
                tx.events().append(events.started(execution));
                tx.events().append(events.ended(execution));
            }
        }

        private static StepMessage step(UUID id, UUID parentId, Execution execution, String stepId, JsonNode body) {
            return new StepMessage(id, parentId, execution.id(), execution.flowId(), execution.workspaceId(), 1, stepId, 1, body,
                    Json.object().put("trigger", "topic"),
                    new StepMessage.TraceContext(execution.requestId(), execution.correlationId(), null));
        }

        /** The attempt as the engine records it: the step's input, and what it emitted (for the trigger, the hand-off to the log step). */
        private static AttemptRecord attempt(StepMessage message, JsonNode emitted, Instant at) {
            return new AttemptRecord(message.messageId(), message.executionId(), message.stepId(), message.parentMessageId(),
                    StepMessageCodec.input(message), new StepAttempt(1, StepRunStatus.SUCCEEDED, null, at, at), emitted);
        }

        private JsonNode topicMessage(UUID id, Instant publishedAt) {
            ObjectNode message = Json.object().put("id", id.toString()).put("topicName", "bench-fanout");
            message.putObject("data").put("n", count).put("text", "a small benchmark message");
            message.putObject("metadata").put("publishedAt", publishedAt.toString()).put("correlationId", id.toString());
            return message;
        }
    }

    private static Set<Part> leftOut(List<String> names) {
        Set<Part> parts = EnumSet.noneOf(Part.class);
        for (String name : names) {
            try {
                parts.add(Part.valueOf(name.toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--leave-out takes trigger, execution and events, not '" + name + "'");
            }
        }
        return parts;
    }

    private static String names(Set<Part> parts, String separator) {
        return String.join(separator, parts.stream().map(part -> part.name().toLowerCase(Locale.ROOT)).toList());
    }

    private static ObjectNode result(int batch, int flows, Set<Part> leftOut, long recorded, double seconds, Histogram latency) {
        String variant = "records-batch" + batch + (leftOut.isEmpty() ? "" : "-without-" + names(leftOut, "-"));
        return CeilingResult.of("ceiling-store", "embedded", variant,
                "1 thread, %d subscriber-execution records a transaction, %d flows".formatted(batch, flows), 1, "jdbc",
                new CeilingResult.Measured(recorded, seconds, "deliveries/s", "one transaction of " + batch + " records, first write -> commit",
                        latency, Map.of()));
    }

    private static void deleteTree(Path dir) throws java.io.IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
