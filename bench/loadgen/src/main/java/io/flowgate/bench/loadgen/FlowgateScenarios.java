package io.flowgate.bench.loadgen;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.HdrHistogram.Histogram;

/**
 * The Flowgate scenarios (ingest, e2e, sync, fanout, sse) against a running server: each sets up its own
 * workspace and flows through the API, drives load, and writes its results.
 */
final class FlowgateScenarios {

    static final String THREE_STEP = """
            {"nodes":[{"id":"in","component_id":"webhook","function":"receive"},
              {"id":"map","component_id":"jsonata","function":"transform","fields":{"expression":"{\\"greeting\\": \\"Hello \\" & name}"}},
              {"id":"log","component_id":"log","function":"log","fields":{"level":"debug"}}],
             "edges":[{"source":"in","target":"map"},{"source":"map","target":"log"}]}""";
    /** The 3-step flow with the per-flow backlog limit lifted: the ingest node runs no workers, so its queue only grows. */
    static final String THREE_STEP_UNLIMITED = THREE_STEP.replace("\"function\":\"receive\"}",
            "\"function\":\"receive\",\"fields\":{\"maxBacklog\":1000000000}}");
    static final String SYNC = """
            {"nodes":[{"id":"in","component_id":"webhook","function":"receive"},
              {"id":"map","component_id":"jsonata","function":"transform","fields":{"expression":"{\\"greeting\\": \\"Hello \\" & name}"}},
              {"id":"reply","component_id":"reply","function":"reply","fields":{"status":200,"body":"$"}}],
             "edges":[{"source":"in","target":"map"},{"source":"map","target":"reply"}]}""";
    static final String TOPIC = "bench-fanout";
    static final String SUBSCRIBER = """
            {"nodes":[{"id":"in","component_id":"topic","function":"subscribe","fields":{"topic":"%s"}},
              {"id":"log","component_id":"log","function":"log","fields":{"level":"debug"}}],
             "edges":[{"source":"in","target":"log"}]}""".formatted(TOPIC);

    /** How long the webhooks scenario waits for event delivery to catch up before it measures. */
    private static final Duration PIPELINE_WAIT = Duration.ofMinutes(5);

    private final FlowgateApi api;
    private final String mode;
    private final Path out;
    private final LoadSpec.Timing timing;
    private final String client;
    private final Args args;
    private final boolean quick;
    private String workspaceId;

    FlowgateScenarios(Args args) {
        this.args = args;
        this.api = new FlowgateApi(args.required("base-url"), args.required("token"));
        this.mode = args.text("mode", "embedded");
        this.out = Path.of(args.required("out"));
        this.timing = LoadSpec.Timing.of(args);
        this.client = args.text("client", "raw");
        this.quick = args.flag("quick");
    }

    void run(List<String> scenarios) throws Exception {
        workspaceId = api.createWorkspace("bench " + mode + " " + System.currentTimeMillis());
        for (String scenario : scenarios) {
            System.out.println("flowgate/" + mode + ": " + scenario);
            try {
                switch (scenario) {
                    case "ingest" -> ingest();
                    case "e2e" -> e2e();
                    case "sync" -> sync();
                    case "fanout" -> {
                        for (String count : args.text("fanout-subscribers", "1,10").split(",")) {
                            for (double rate : args.numbers("fanout-rate", quick ? List.of(100.0) : List.of(300.0, 1000.0))) {
                                fanout(Integer.parseInt(count.trim()), rate);
                            }
                        }
                    }
                    case "sse" -> sse();
                    case "webhooks" -> webhooks();
                    case "scaleout" -> scaleout();
                    default -> throw new IllegalArgumentException("unknown scenario " + scenario);
                }
            } catch (Exception e) {
                System.out.println("  " + scenario + " failed: " + e);
                Results.write(out, Results.skipped("flowgate", mode, scenario, "all", "failed: " + e));
            }
        }
    }

    private HttpSpec hook(String flowId) {
        return HttpSpec.postJson(api.baseUrl() + "/hook/" + flowId, HttpSpec.WEBHOOK_BODY, Map.of());
    }

    private int connections() {
        return args.integer("connections", 64);
    }

    /** Async durable ingest: 202s per second at full speed (closed) and latency at a fixed rate (open). */
    private void ingest() throws Exception {
        String flow = api.startFlow(workspaceId, "bench ingest", FlowgateApi.graph(THREE_STEP_UNLIMITED));
        String basis = "intended send time -> 202 received (broker confirm included)";
        try (Transport t = Transport.of(client, hook(flow))) {
            ObjectNode max = Results.of("flowgate", mode, "ingest", "max", LoadRun.run(t, LoadSpec.closed(connections(), timing),
                    LoadRun.Listener.NONE), basis);
            Results.write(out, max);
            double rate = args.number("ingest-rate", 2000);
            ObjectNode fixed = Results.of("flowgate", mode, "ingest", "rate" + (int) rate,
                    LoadRun.run(t, LoadSpec.open(rate, connections(), timing), LoadRun.Listener.NONE), basis);
            Results.write(out, fixed);
        }
    }

    /**
     * Webhook to {@code completed} for the 3-step flow: latency at 1,000/s, the flood, then the sustained
     * rate: the open-model rates of {@code --e2e-sustain} in turn until the node falls behind one. The
     * flood alone overstates what the node sustains (its completions are counted until its backlog is
     * worked off, when no webhooks compete for the CPU) and understates it too (its rejected requests
     * cost CPU), so the sustained rate is what the target is read against.
     */
    private void e2e() throws Exception {
        double rate = args.number("e2e-rate", 1000);
        e2eRun("e2e", "rate" + (int) rate, LoadSpec.open(rate, connections(), timing), true);
        e2eRun("e2e", "max", LoadSpec.closed(args.integer("e2e-connections", 32), timing), false);
        for (double sustain : args.numbers("e2e-sustain", quick ? List.of() : List.of(2000.0, 2500.0, 3000.0))) {
            if (!e2eRun("e2e", "sustain" + (int) sustain, LoadSpec.open(sustain, connections(), timing), true)) {
                break;
            }
        }
    }

    /**
     * The e2e flood against a cluster: this node accepts the webhooks, {@code --workers} other nodes run
     * the flow (bench/run starts them on the same broker and database).
     */
    private void scaleout() throws Exception {
        int workers = args.integer("workers", 1);
        e2eRun("scaleout", "max-" + workers + (workers == 1 ? "-worker" : "-workers"),
                LoadSpec.closed(args.integer("e2e-connections", 32), timing), false);
    }

    /**
     * Runs {@code spec} against a new 3-step flow; an open-model run first settles at its rate when
     * {@code settleFirst}. Returns whether the node kept up: every accepted execution completed within the
     * drain, nothing was refused, and an open-model run completed at least 99% of its rate within the window.
     */
    private boolean e2eRun(String scenario, String variant, LoadSpec spec, boolean settleFirst) throws Exception {
        String flow = api.startFlow(workspaceId, "bench " + scenario + " " + variant, FlowgateApi.graph(THREE_STEP));
        Map<String, Long> sent = new ConcurrentHashMap<>();
        LoadRun.Outcome outcome;
        try (EventTracker tracker = new EventTracker(api, "flow/" + flow + "/execution", Set.of(), api.recentCursor(workspaceId));
             Transport t = Transport.of(client, hook(flow))) {
            Settled settled = settleFirst ? settleExecutions(spec.rate(), t, tracker) : null;
            outcome = LoadRun.run(t, spec, (response, intended) -> {
                if (response.ok() && response.executionId() != null) {
                    sent.put(response.executionId(), intended);
                }
            });
            long deadline = System.nanoTime() + timing.drain().toNanos();
            while (System.nanoTime() < deadline && !allSettled(sent, tracker)) {
                Thread.sleep(500);
            }
            Histogram latency = new Histogram(3_600_000_000L, 3);
            long missing = 0;
            long lastMillis = 0;
            for (Map.Entry<String, Long> e : sent.entrySet()) {
                Long done = tracker.completedMillis.get(e.getKey());
                if (done != null) {
                    latency.recordValue(Math.max(0, done * 1000 - e.getValue()));
                    lastMillis = Math.max(lastMillis, done);
                } else if (!tracker.failed.contains(e.getKey())) {
                    missing++;
                }
            }
            // sustained rate: every completion from the window's start to the last completion of a request
            // sent in the window, over that span (backlog left by the warm-up included)
            long from = outcome.measureStartWallMicros();
            long to = Math.max(outcome.measureEndWallMicros(), (lastMillis + 1) * 1000);
            long completed = tracker.completedBetween(from, to);
            double span = (to - from) / 1e6;
            ObjectNode result = Results.of("flowgate", mode, scenario, variant, outcome,
                    "intended send time of the webhook -> timestamp of the execution's completed event");
            result.put("acceptThroughput", result.path("throughput").asDouble());
            result.set("acceptLatencyMs", result.get("latencyMs"));
            result.put("throughput", Results.round(completed / span));
            result.put("unit", "executions/s");
            result.put("count", completed);
            result.put("throughputSpanSeconds", Results.round(span));
            result.put("completedInWindowPerSecond", Results.round(tracker.completedBetween(from, outcome.measureEndWallMicros())
                    / outcome.seconds()));
            result.set("latencyMs", Results.latency(latency));
            result.set("curve", Results.curve(latency));
            result.put("executionsAccepted", sent.size());
            result.put("executionsFailed", tracker.failed.size());
            result.put("executionsNotCompletedAtEnd", missing);
            result.put("eventPollErrors", tracker.pollErrors.get());
            if (settled != null) {
                result.put("settleSeconds", settled.took().toSeconds());
                result.put("notes", settled.describe() + ", then the warm-up and the measured window");
            }
            if (missing > 0) {
                ((ObjectNode) result.get("errors")).put("not_completed_within_drain", missing);
                result.put("notes", "the drain wait ended with " + missing + " accepted executions not yet completed: "
                        + "the flow's backlog exceeded what the workers finished in time");
            }
            boolean keptUp = missing == 0 && result.path("errors").isEmpty() && result.path("statuses").size() == 1
                    && (spec.model() != LoadSpec.Model.OPEN
                    || result.path("completedInWindowPerSecond").asDouble() >= 0.99 * spec.rate());
            result.put("keptUp", keptUp && (settled == null || settled.keptUp()));
            Results.write(out, result);
            return result.path("keptUp").asBoolean();
        }
    }

    private static boolean allSettled(Map<String, Long> sent, EventTracker tracker) {
        return sent.keySet().stream().allMatch(id -> tracker.completedMillis.containsKey(id) || tracker.failed.contains(id));
    }

    /** Webhook -> jsonata -> reply: the round trip of a synchronous webhook. */
    private void sync() throws Exception {
        String flow = api.startFlow(workspaceId, "bench sync", FlowgateApi.graph(SYNC));
        String basis = "intended send time -> reply received";
        try (Transport t = Transport.of(client, hook(flow))) {
            Results.write(out, Results.of("flowgate", mode, "sync", "max",
                    LoadRun.run(t, LoadSpec.closed(connections(), timing), LoadRun.Listener.NONE), basis));
            double rate = args.number("sync-rate", 500);
            Results.write(out, Results.of("flowgate", mode, "sync", "rate" + (int) rate,
                    LoadRun.run(t, LoadSpec.open(rate, connections(), timing), LoadRun.Listener.NONE), basis));
        }
    }

    /**
     * One topic with {@code subscribers} subscriber flows ({@code --fanout-subscribers}, default 1 then 10):
     * messages published through the API at a fixed rate ({@code --fanout-rate}, default 300 then 1,000 a
     * second: with 10 subscribers, 3,000 deliveries/s and the target's 10,000); subscriber executions
     * completed per second, and the latency from a message's intended send time to each subscriber
     * execution's {@code started} event. A rate the node cannot keep up with shows its capacity as the
     * throughput; its latency then measures the backlog.
     */
    private void fanout(int subscribers, double rate) throws Exception {
        String variant = "1to" + subscribers + "-rate" + (int) rate;
        String topicName = TOPIC + "-" + subscribers + "-" + (int) rate;
        ObjectNode topic = Results.JSON.createObjectNode();
        topic.putObject("data").put("type", "topic").putObject("attributes").put("name", topicName);
        try {
            api.post("/v2/workspaces/" + workspaceId + "/topics", topic);
        } catch (FlowgateApi.ApiException e) {
            String reason = e.status() == 404
                    ? "the server has no topics yet (POST /v2/workspaces/{id}/topics answered 404)"
                    : "creating the topic failed: " + e.getMessage();
            Results.write(out, Results.skipped("flowgate", mode, "fanout", variant, reason));
            return;
        }
        Set<String> flows = new HashSet<>();
        for (int i = 0; i < subscribers; i++) {
            flows.add(api.startFlow(workspaceId, "bench subscriber " + i, FlowgateApi.graph(SUBSCRIBER.replace(TOPIC, topicName))));
        }
        HttpSpec publish = HttpSpec.postJson(api.baseUrl() + "/v2/workspaces/" + workspaceId + "/topics/" + topicName + "/messages",
                HttpSpec.WEBHOOK_BODY, Map.of("Authorization", "Bearer " + api.token()));
        Map<String, Long> sent = new ConcurrentHashMap<>();
        try (EventTracker tracker = new EventTracker(api, "flow/*/execution", flows, api.recentCursor(workspaceId));
             Transport t = Transport.of(client, publish)) {
            LoadRun.Outcome outcome = LoadRun.run(t, LoadSpec.open(rate, connections(), timing), (response, intended) -> {
                if (response.ok() && response.executionId() != null) {
                    sent.put(response.executionId(), intended);
                }
            });
            long expected = (long) sent.size() * subscribers;
            long deadline = System.nanoTime() + timing.drain().toNanos();
            while (System.nanoTime() < deadline
                    && tracker.completedBetween(outcome.measureStartWallMicros(), Long.MAX_VALUE) < expected) {
                Thread.sleep(100);
            }
            Histogram toStart = publishToStart(sent, flows, tracker);
            ObjectNode result = Results.of("flowgate", mode, "fanout", variant, outcome,
                    "intended publish time -> started event of each subscriber execution");
            result.put("publishThroughput", result.path("throughput").asDouble());
            result.set("publishLatencyMs", result.get("latencyMs"));
            long delivered = tracker.completedBetween(outcome.measureStartWallMicros(), outcome.measureEndWallMicros());
            result.put("throughput", Results.round(delivered / outcome.seconds()));
            result.put("unit", "deliveries/s");
            result.put("subscribers", subscribers);
            result.put("deliveriesExpected", expected);
            result.put("deliveriesCompleted", tracker.completedBetween(outcome.measureStartWallMicros(), Long.MAX_VALUE));
            result.put("deliveriesStartedMatched", toStart.getTotalCount());
            result.set("latencyMs", Results.latency(toStart));
            result.set("curve", Results.curve(toStart));
            result.put("notes", "throughput counts completed subscriber executions per second; latency is from the intended "
                    + "publish time to each subscriber execution's started event (execution ids derived from flow and message id)");
            Results.write(out, result);
        } finally {
            stopAll(flows);
        }
    }

    /**
     * Stops the flows, so that a backlog they could not work off in the drain time waits in their queues
     * instead of competing with the scenarios that run after.
     */
    private void stopAll(Set<String> flows) throws IOException, InterruptedException {
        for (String flow : flows) {
            api.post("/v2/flows/" + flow + "/stop", Results.JSON.createObjectNode());
        }
    }

    /** Per published message and subscriber, the time from the intended publish to the execution's start, in µs. */
    private static Histogram publishToStart(Map<String, Long> sent, Set<String> flows, EventTracker tracker) {
        Histogram latency = new Histogram(3_600_000_000L, 3);
        sent.forEach((messageId, intendedMicros) -> flows.forEach(flow -> {
            Long started = tracker.startedMillis.get(subscriberExecutionId(flow, messageId));
            if (started != null) {
                latency.recordValue(Math.max(0, started * 1000 - intendedMicros));
            }
        }));
        return latency;
    }

    /** The execution a topic message starts in a subscriber flow, as docs/topics.md documents it. */
    static String subscriberExecutionId(String flowId, String messageId) {
        UUID message = UUID.fromString(messageId);
        UUID hash = UUID.nameUUIDFromBytes(("topic-execution:" + flowId + ":" + messageId).getBytes(StandardCharsets.UTF_8));
        long mostSignificant = (message.getMostSignificantBits() & ~0xFFFFL) | 0x8000L | (hash.getMostSignificantBits() & 0x0FFFL);
        return new UUID(mostSignificant, hash.getLeastSignificantBits()).toString();
    }

    /** 100 SSE clients on one flow's execution channel while webhooks run the flow at a fixed rate. */
    private void sse() throws Exception {
        int clients = args.integer("sse-clients", 100);
        double rate = args.number("sse-rate", quick ? 50 : 100);
        String variant = clients + "clients-rate" + (int) rate;
        String flow = api.startFlow(workspaceId, "bench sse", FlowgateApi.graph(THREE_STEP));
        HttpSpec stream = HttpSpec.get(api.baseUrl() + "/v2/events/stream?channel=flow/" + flow + "/execution",
                Map.of("Authorization", "Bearer " + api.token(), "Accept", "text/event-stream"));
        try (SseClients sse = new SseClients(stream, clients); Transport t = Transport.of(client, hook(flow))) {
            if (!sse.awaitConnected(30) || !sse.failures().isEmpty()) {
                Results.write(out, Results.skipped("flowgate", mode, "sse", variant, "only " + sse.connectedCount() + " of "
                        + clients + " SSE clients connected: " + sse.failures()));
                return;
            }
            Results.write(out, measureEventLag("sse", variant, rate, t, sse, clients,
                    "SSE receive time -> the event's own timestamp (lag), over all clients"));
        }
    }

    /**
     * Runs the 3-step flow's webhooks at {@code rate} while {@code receivers} get its two events per execution:
     * events/s received in the measured window over all receivers, and their lag.
     */
    /**
     * Offers the measured rate in rounds of 5 s until the node keeps up with it ({@code backlog}, what was
     * offered and is not through yet, stays under a tenth of a second's worth after two rounds in a row),
     * for at most {@code --settle} seconds (120, quick 10). On this 2-core machine the JIT compiler competes
     * with the node for about a minute after it starts: a backlog built then would be measured as latency
     * long afterwards, when the question is the latency the node keeps at that rate.
     */
    private Settled settle(double rate, Transport load, LoadRun.Listener onAnswer, LongSupplier backlog, double perSecond)
            throws Exception {
        long started = System.nanoTime();
        long limit = args.seconds("settle", quick ? 10 : 120).toNanos();
        LoadSpec round = LoadSpec.open(rate, Math.min(connections(), 16),
                new LoadSpec.Timing(Duration.ZERO, Duration.ofSeconds(5), Duration.ofSeconds(2)));
        int roundsKeptUp = 0;
        while (roundsKeptUp < 2 && System.nanoTime() - started < limit) {
            LoadRun.run(load, round, onAnswer);
            roundsKeptUp = backlog.getAsLong() < perSecond / 10 ? roundsKeptUp + 1 : 0;
        }
        Settled settled = new Settled(Duration.ofNanos(System.nanoTime() - started), roundsKeptUp == 2);
        System.out.println("  " + settled.describe());
        return settled;
    }

    /** {@link #settle} for executions: through once their {@code completed} or {@code failed} event is in. */
    private Settled settleExecutions(double rate, Transport hooks, EventTracker tracker) throws Exception {
        Set<String> accepted = ConcurrentHashMap.newKeySet();
        return settle(rate, hooks, (response, intended) -> {
            if (response.ok() && response.executionId() != null) {
                accepted.add(response.executionId());
            }
        }, () -> accepted.stream().filter(id -> !tracker.completedMillis.containsKey(id) && !tracker.failed.contains(id)).count(),
                rate);
    }

    /** {@link #settle} for a load whose every accepted request brings each receiver two events. */
    private Settled settle(double rate, Transport webhooks, EventReceivers receivers, int receiverCount) throws Exception {
        long receivedBefore = receivers.received();
        long eventsPerAccepted = 2L * receiverCount;
        AtomicLong accepted = new AtomicLong();
        return settle(rate, webhooks, (response, intended) -> {
            if (response.ok()) {
                accepted.incrementAndGet();
            }
        }, () -> accepted.get() * eventsPerAccepted - (receivers.received() - receivedBefore), rate * eventsPerAccepted);
    }

    /** How long the settle phase took and whether the receivers kept up by its end. */
    private record Settled(Duration took, boolean keptUp) {
        String describe() {
            return keptUp ? "the receivers kept up with the offered rate after " + took.toSeconds() + " s of load at that rate"
                    : "the receivers did not keep up with the offered rate within " + took.toSeconds() + " s of load at that rate";
        }
    }

    private ObjectNode measureEventLag(String scenario, String variant, double rate, Transport webhooks, EventReceivers receivers,
                                       int receiverCount, String basis) throws Exception {
        Settled settled = settle(rate, webhooks, receivers, receiverCount);
        AtomicLong accepted = new AtomicLong();
        long startMillis = System.currentTimeMillis() + 300 + timing.warmup().toMillis();
        receivers.window(startMillis, startMillis + timing.duration().toMillis());
        LoadRun.Outcome outcome = LoadRun.run(webhooks, LoadSpec.open(rate, Math.min(connections(), 16), timing), (response, intended) -> {
            if (response.ok()) {
                accepted.incrementAndGet();
            }
        });
        receivers.window(outcome.measureStartWallMicros() / 1000, outcome.measureEndWallMicros() / 1000);
        long expected = accepted.get() * 2 * receiverCount;
        long deadline = System.nanoTime() + timing.drain().toNanos();
        while (System.nanoTime() < deadline && receivers.inWindow() < expected
                && System.nanoTime() - receivers.lastReceiveNanos() < Duration.ofSeconds(10).toNanos()) {
            Thread.sleep(100);
        }
        Histogram lag = receivers.lagMicros();
        ObjectNode result = Results.of("flowgate", mode, scenario, variant, outcome, basis);
        result.put("webhookThroughput", result.path("throughput").asDouble());
        result.set("webhookLatencyMs", result.get("latencyMs"));
        result.put("throughput", Results.round(receivers.inWindow() / outcome.seconds()));
        result.put("unit", "events/s");
        result.put("receivers", receiverCount);
        result.put("eventsExpected", expected);
        result.put("eventsReceived", receivers.inWindow());
        result.put("settleSeconds", settled.took().toSeconds());
        result.put("keptUp", settled.keptUp());
        result.put("notes", settled.describe() + ", then the warm-up and the measured window");
        result.set("latencyMs", Results.latency(lag));
        result.set("curve", Results.curve(lag));
        return result;
    }

    /**
     * Event subscriptions ({@code --webhook-subscribers}, default 10) on one flow's execution channel, each
     * to a receiver in this process, while webhooks run the flow at a fixed rate: deliveries/s and their lag.
     * The node must allow private targets ({@code FLOWGATE_DELIVERY_ALLOW_PRIVATE=true}).
     */
    private void webhooks() throws Exception {
        int subscribers = args.integer("webhook-subscribers", 10);
        double rate = args.number("webhooks-rate", quick ? 50 : 100);
        String variant = subscribers + "subscribers-rate" + (int) rate;
        String flow = api.startFlow(workspaceId, "bench webhooks", FlowgateApi.graph(THREE_STEP));
        List<String> subscriptions = new ArrayList<>();
        try (WebhookSink sink = new WebhookSink(); Transport t = Transport.of(client, hook(flow))) {
            for (int i = 0; i < subscribers; i++) {
                subscriptions.add(subscribe(sink.url("/subscriber-" + i), "flow/" + flow + "/execution"));
            }
            if (!deliveriesFlow(flow, sink, subscribers)) {
                Results.write(out, Results.skipped("flowgate", mode, "webhooks", variant, "the events of one probe execution did not "
                        + "reach the subscribers within " + PIPELINE_WAIT.toSeconds() + " s (event delivery still busy with earlier scenarios' events)"));
                return;
            }
            Results.write(out, measureEventLag("webhooks", variant, rate, t, sink, subscribers,
                    "receive time at the subscriber -> the event's own timestamp (lag), over all subscribers"));
        } catch (FlowgateApi.ApiException e) {
            Results.write(out, Results.skipped("flowgate", mode, "webhooks", variant, e.status() == 422
                    ? "the node refused the local receiver (start it with FLOWGATE_DELIVERY_ALLOW_PRIVATE=true)" : e.getMessage()));
        } finally {
            for (String subscription : subscriptions) {
                api.delete("/v2/workspaces/" + workspaceId + "/subscriptions/" + subscription);
            }
        }
    }

    /**
     * Runs the flow once and waits until every subscriber got its two events: the planner follows the whole
     * event log in order, so after the flood of an earlier scenario it may take a while to reach this one.
     */
    private boolean deliveriesFlow(String flow, WebhookSink sink, int subscribers) throws Exception {
        api.post("/hook/" + flow, Results.JSON.readTree(HttpSpec.WEBHOOK_BODY));
        long deadline = System.nanoTime() + PIPELINE_WAIT.toNanos();
        while (sink.received() < 2L * subscribers) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(200);
        }
        return true;
    }

    private String subscribe(String url, String channel) throws Exception {
        ObjectNode body = Results.JSON.createObjectNode();
        ObjectNode attributes = body.putObject("data").put("type", "subscription").putObject("attributes");
        attributes.put("url", url).put("ordered", false).putArray("channels").add(channel);
        return api.post("/v2/workspaces/" + workspaceId + "/subscriptions", body).path("data").path("id").asText();
    }
}
