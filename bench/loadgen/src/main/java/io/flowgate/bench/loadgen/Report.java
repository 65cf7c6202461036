package io.flowgate.bench.loadgen;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * Reads every result of a run directory, adds the ratios against the ceilings and peers measured in the
 * same run, and writes {@code results.json}, {@code summary.md} and the PNG charts.
 */
final class Report {

    static final List<String> ORDER = List.of("ceiling", "ingest", "e2e", "sync", "fanout", "sse", "webhooks", "scaleout");

    private final Path dir;
    private final List<JsonNode> results = new ArrayList<>();
    private final Map<String, String> meta = new LinkedHashMap<>();

    Report(Path dir) {
        this.dir = dir;
    }

    void write() throws IOException {
        load();
        mergeN8nExecutions();
        addFanoutBound("embedded");
        results.sort(Comparator.comparingInt((JsonNode r) -> rank(r.path("scenario").asText()))
                .thenComparing(r -> r.path("system").asText()).thenComparing(r -> r.path("mode").asText())
                .thenComparing(r -> r.path("variant").asText()));
        List<ObjectNode> ratios = ratios();
        ObjectNode all = Results.JSON.createObjectNode();
        ObjectNode metaNode = all.putObject("run");
        meta.forEach(metaNode::put);
        ArrayNode list = all.putArray("results");
        results.forEach(list::add);
        ArrayNode ratioList = all.putArray("ratios");
        ratios.forEach(ratioList::add);
        Results.JSON.writeValue(dir.resolve("results.json").toFile(), all);
        String markdown = markdown(ratios);
        Files.writeString(dir.resolve("summary.md"), markdown);
        Charts.throughput(results, dir.resolve("throughput.png"));
        for (String scenario : ORDER) {
            List<JsonNode> withCurves = results.stream().filter(r -> r.path("scenario").asText().equals(scenario)
                    && r.path("curve").size() > 0).toList();
            if (!withCurves.isEmpty()) {
                Charts.latency(scenario, withCurves, dir.resolve("latency-" + scenario + ".png"));
            }
        }
        System.out.println(markdown);
    }

    private static int rank(String scenario) {
        int i = ORDER.indexOf(scenario);
        return i < 0 ? ORDER.size() : i;
    }

    private void load() throws IOException {
        Path metaFile = dir.resolve("meta.properties");
        if (Files.exists(metaFile)) {
            Properties properties = new Properties();
            try (Reader reader = Files.newBufferedReader(metaFile)) {
                properties.load(reader);
            }
            properties.stringPropertyNames().stream().sorted().forEach(k -> meta.put(k, properties.getProperty(k)));
        }
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                String name = file.getFileName().toString();
                if (name.equals("results.json") || name.startsWith("n8n-executions")) {
                    continue;
                }
                JsonNode node = Results.JSON.readTree(file.toFile());
                if (node.has("scenario")) {
                    results.add(node);
                }
            }
        }
    }

    /** n8n answers before it runs the flow: its executions/s come from its own execution records. */
    private void mergeN8nExecutions() throws IOException {
        Path file = dir.resolve("n8n-executions.json");
        Optional<JsonNode> http = find("n8n", "e2e", "max");
        if (!Files.exists(file) || http.isEmpty()) {
            return;
        }
        JsonNode counted = Results.JSON.readTree(file.toFile());
        ObjectNode result = (ObjectNode) http.get();
        result.put("acceptThroughput", result.path("throughput").asDouble());
        if (counted.has("error")) {
            result.put("notes", "executions could not be counted (" + counted.path("error").asText()
                    + "); throughput is the webhook answer rate");
            return;
        }
        long count = counted.path("count").asLong();
        if (result.path("count").asLong() == 0) {
            result.put("notes", "no webhook was answered in the measured window; executions not counted");
            return;
        }
        if (count == 0 || !counted.path("firstStartedAt").isTextual() || !counted.path("lastStoppedAt").isTextual()) {
            result.put("notes", "n8n's database holds no successful execution of the workflow; throughput is the webhook answer rate");
            return;
        }
        double seconds = (Instant.parse(counted.path("lastStoppedAt").asText()).toEpochMilli()
                - Instant.parse(counted.path("firstStartedAt").asText()).toEpochMilli()) / 1000.0;
        if (count > 0 && seconds > 0) {
            result.put("throughput", Results.round(count / seconds));
            result.put("unit", "executions/s");
            result.put("executionsCounted", count);
            result.put("notes", "executions/s = successful executions in n8n's database over first start to last stop ("
                    + count + " in " + Results.round(seconds) + " s, warm-up included); the latency is the webhook answer's");
        }
    }

    /**
     * The most deliveries/s fan-out could reach on this machine if Flowgate did nothing but what no way of
     * keeping the contract can skip: the broker delivering each message into each subscriber's durable queue
     * (the broker ceiling's CPU time of the whole machine per delivery) and the store recording each delivery
     * as an execution (the store ceiling's CPU time per delivery). Both take CPU time of the same cores, so
     * their costs per delivery add up.
     */
    private void addFanoutBound(String mode) {
        Optional<JsonNode> broker = find("ceiling-amqp", mode, "ceiling", "fanout1to10");
        Optional<JsonNode> store = find("ceiling-store", mode, "ceiling", "records-");
        if (broker.isEmpty() || store.isEmpty() || !broker.get().has("machineCpuMicrosPerDelivery")
                || !store.get().has("cpuMicrosPerDelivery")) {
            return;
        }
        double brokerMicros = broker.get().path("machineCpuMicrosPerDelivery").asDouble();
        double storeMicros = store.get().path("cpuMicrosPerDelivery").asDouble();
        int cores = cores();
        ObjectNode bound = Results.base("bound", mode, "ceiling", "fanout1to10-broker-plus-store");
        bound.put("load", "%d cores / (broker %.1f + store %.1f µs of CPU a delivery)".formatted(cores, brokerMicros, storeMicros));
        bound.put("model", "derived");
        bound.put("throughput", Results.round(cores * 1e6 / (brokerMicros + storeMicros)));
        bound.put("unit", "deliveries/s");
        bound.put("notes", "derived from " + broker.get().path("id").asText() + " and " + store.get().path("id").asText()
                + ": the most fan-out could deliver if nothing but the broker and the record took CPU time");
        results.add(bound);
    }

    /** The cores of the measured machine, as the run wrote them down ("2 cores, ..."), else this machine's. */
    private int cores() {
        String cpu = meta.getOrDefault("machine.cpu", "");
        String count = cpu.replaceFirst("^(\\d+) cores.*$", "$1");
        return count.matches("\\d+") ? Integer.parseInt(count) : Runtime.getRuntime().availableProcessors();
    }

    private Optional<JsonNode> find(String system, String scenario, String variantPrefix) {
        return results.stream().filter(r -> r.path("system").asText().equals(system) && r.path("scenario").asText().equals(scenario)
                && r.path("variant").asText().startsWith(variantPrefix) && !r.has("skipped")).findFirst();
    }

    private Optional<JsonNode> find(String system, String mode, String scenario, String variantPrefix) {
        return matching(system, mode, scenario, variantPrefix).findFirst();
    }

    /** Of the results {@link #find} would consider, the one with the highest throughput (runs at several rates). */
    private Optional<JsonNode> fastest(String system, String mode, String scenario, String variantPrefix) {
        return matching(system, mode, scenario, variantPrefix).max(Comparator.comparingDouble(r -> r.path("throughput").asDouble()));
    }

    private Stream<JsonNode> matching(String system, String mode, String scenario, String variantPrefix) {
        return results.stream().filter(r -> r.path("system").asText().equals(system) && r.path("mode").asText().equals(mode)
                && r.path("scenario").asText().equals(scenario) && r.path("variant").asText().startsWith(variantPrefix)
                && !r.has("skipped"));
    }

    private List<ObjectNode> ratios() {
        List<ObjectNode> ratios = new ArrayList<>();
        for (String mode : List.of("embedded", "external")) {
            Optional<JsonNode> ingest = find("flowgate", mode, "ingest", "max");
            Optional<JsonNode> e2e = find("flowgate", mode, "e2e", "max");
            Optional<JsonNode> sync = find("flowgate", mode, "sync", "max");
            ratio(ratios, "Flowgate " + mode + " ingest / bare HTTP (same stack, same client)", ingest,
                    find("ceiling-http", "ingest", "max-" + client(ingest)), 1.0 / 3);
            ratio(ratios, "Flowgate " + mode + " ingest / bare HTTP driven by wrk", ingest, find("ceiling-http", "ingest", "max-wrk"), 0);
            ratio(ratios, "Flowgate " + mode + " durable ingest / raw AMQP confirms", ingest, find("ceiling-amqp", mode, "ceiling", "confirms"), 0);
            ratio(ratios, "Flowgate " + mode + " fan-out 1 to 10 deliveries/s / raw AMQP fan-out 1 to 10",
                    fastest("flowgate", mode, "fanout", "1to10"), find("ceiling-amqp", mode, "ceiling", "fanout1to10"), 0);
            ratio(ratios, "Flowgate " + mode + " fan-out 1 to 10 deliveries/s / the embedded store recording them alone",
                    fastest("flowgate", mode, "fanout", "1to10"), find("ceiling-store", mode, "ceiling", "records-"), 0);
            ratio(ratios, "Flowgate " + mode + " fan-out 1 to 10 deliveries/s / the broker and the store on the same cores (derived)",
                    fastest("flowgate", mode, "fanout", "1to10"), find("bound", mode, "ceiling", "fanout1to10"), 0);
            ratio(ratios, "Flowgate " + mode + " e2e executions/s / n8n executions/s", e2e, find("n8n", "e2e", "max"), 10);
            ratio(ratios, "Flowgate " + mode + " ingest / Node-RED http-in->change->response", ingest, find("node-red", "ingest", "max"), 0);
            ratio(ratios, "Flowgate " + mode + " sync / Node-RED sync", sync, find("node-red", "sync", "max"), 0);
            Optional<JsonNode> oneWorker = find("flowgate", mode, "scaleout", "max-1-");
            for (int workers = 2; workers <= 3; workers++) {
                ratio(ratios, "Flowgate " + mode + " e2e with " + workers + " worker nodes / with 1", find("flowgate", mode, "scaleout",
                        "max-" + workers + "-"), oneWorker, 0);
            }
        }
        return ratios;
    }

    private static String client(Optional<JsonNode> result) {
        return result.map(r -> r.path("client").asText("raw")).orElse("raw");
    }

    private static void ratio(List<ObjectNode> ratios, String name, Optional<JsonNode> a, Optional<JsonNode> b, double target) {
        if (a.isEmpty() || b.isEmpty() || b.get().path("throughput").asDouble() <= 0) {
            return;
        }
        ObjectNode ratio = Results.JSON.createObjectNode();
        ratio.put("name", name);
        ratio.put("numerator", a.get().path("id").asText());
        ratio.put("denominator", b.get().path("id").asText());
        ratio.put("value", Results.round(a.get().path("throughput").asDouble() / b.get().path("throughput").asDouble()));
        if (target > 0) {
            ratio.put("target", Results.round(target));
        }
        ratios.add(ratio);
    }

    private String markdown(List<ObjectNode> ratios) {
        StringBuilder md = new StringBuilder();
        md.append("## Results (").append(meta.getOrDefault("date", "?")).append(", ")
                .append(meta.getOrDefault("run.kind", "?")).append(")\n\n");
        md.append("| scenario | system | mode | variant / load | throughput | p50 ms | p90 ms | p99 ms | p99.9 ms | max ms | errors |\n");
        md.append("|---|---|---|---|---:|---:|---:|---:|---:|---:|---|\n");
        for (JsonNode r : results) {
            md.append("| ").append(r.path("scenario").asText()).append(" | ").append(r.path("system").asText()).append(" | ")
                    .append(r.path("mode").asText()).append(" | ").append(r.path("variant").asText());
            if (r.has("skipped")) {
                md.append(" | skipped: ").append(r.path("skipped").asText().replace("|", "/")).append(" | | | | | | |\n");
                continue;
            }
            JsonNode l = r.path("latencyMs");
            md.append(" (").append(r.path("load").asText()).append(") | ")
                    .append("%,.0f %s".formatted(r.path("throughput").asDouble(), r.path("unit").asText())).append(" | ")
                    .append(l.path("p50").asText("-")).append(" | ").append(l.path("p90").asText("-")).append(" | ")
                    .append(l.path("p99").asText("-")).append(" | ").append(l.path("p999").asText("-")).append(" | ")
                    .append(l.path("max").asText("-")).append(" | ").append(errors(r.path("errors"))).append(" |\n");
        }
        md.append("\nLatency: ").append("open-model runs measure from each request's intended send time (coordinated-omission safe); ")
                .append("e2e: to the `completed` event's timestamp; sse: lag from the event's timestamp to its arrival at the client; ")
                .append("closed-model (`max`) runs measure service time.\n");
        if (!ratios.isEmpty()) {
            md.append("\n| ratio (same run) | value | target |\n|---|---:|---:|\n");
            for (ObjectNode ratio : ratios) {
                md.append("| ").append(ratio.path("name").asText()).append(" | ").append("%.3f".formatted(ratio.path("value").asDouble()))
                        .append(" | ").append(ratio.has("target") ? "≥ " + ratio.path("target").asText() : "").append(" |\n");
            }
        }
        md.append(targets());
        md.append("\n| setting | value |\n|---|---|\n");
        meta.forEach((k, v) -> md.append("| ").append(k).append(" | ").append(v.replace("|", "/")).append(" |\n"));
        return md.toString();
    }

    private String targets() {
        StringBuilder md = new StringBuilder("\n| target (issues 3, 4, 5, 7, 9) | measured | met |\n|---|---:|---|\n");
        for (String mode : List.of("embedded", "external")) {
            find("flowgate", mode, "ingest", "max").ifPresent(r -> target(md, mode + ": ingest ≥ 5,000 durable req/s",
                    r.path("throughput").asDouble(), r.path("throughput").asDouble() >= 5000, "%,.0f req/s"));
            find("flowgate", mode, "ingest", "rate2000").ifPresent(r -> target(md, mode + ": ingest p99 < 20 ms at 2,000 req/s",
                    r.path("latencyMs").path("p99").asDouble(), r.path("latencyMs").path("p99").asDouble() < 20
                            && r.path("errors").isEmpty(), "%.1f ms"));
            find("flowgate", mode, "e2e", "max").ifPresent(r -> target(md, mode + ": e2e ≥ 3,000 executions/s (flood)",
                    r.path("throughput").asDouble(), r.path("throughput").asDouble() >= 3000, "%,.0f /s"));
            sustained(mode).ifPresent(rate -> target(md, mode + ": e2e ≥ 3,000 executions/s (highest rate kept up)",
                    rate, rate >= 3000, "%,.0f /s"));
            find("flowgate", mode, "e2e", "rate1000").ifPresent(r -> target(md, mode + ": e2e p99 < 50 ms at 1,000/s",
                    r.path("latencyMs").path("p99").asDouble(), r.path("latencyMs").path("p99").asDouble() < 50
                            && r.path("executionsNotCompletedAtEnd").asLong() == 0, "%.1f ms"));
            fastest("flowgate", mode, "fanout", "1to10").ifPresent(r -> target(md, mode + ": fan-out ≥ 10,000 deliveries/s to 10 subscribers",
                    r.path("throughput").asDouble(), r.path("throughput").asDouble() >= 10_000, "%,.0f /s"));
            find("bound", mode, "ceiling", "fanout1to10").ifPresent(r -> target(md, mode + ": the same, if only the broker and "
                    + "the record took CPU time (derived)", r.path("throughput").asDouble(), r.path("throughput").asDouble() >= 10_000,
                    "%,.0f /s"));
            for (String delivery : List.of("sse", "webhooks")) {
                find("flowgate", mode, delivery, "").ifPresent(r -> target(md, mode + ": " + delivery + " lag p99 < 100 ms (at "
                        + "%,.0f".formatted(r.path("throughput").asDouble()) + " " + r.path("unit").asText() + ")",
                        r.path("latencyMs").path("p99").asDouble(), r.path("latencyMs").path("p99").asDouble() < 100, "%.1f ms"));
            }
        }
        return md.toString();
    }

    /** The highest open-model rate of the e2e sustain runs the node kept up with (0 when none). */
    private Optional<Double> sustained(String mode) {
        List<JsonNode> runs = results.stream().filter(r -> r.path("system").asText().equals("flowgate")
                && r.path("mode").asText().equals(mode) && r.path("scenario").asText().equals("e2e")
                && r.path("variant").asText().startsWith("sustain")).toList();
        if (runs.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(runs.stream().filter(r -> r.path("keptUp").asBoolean()).mapToDouble(r -> r.path("targetRate").asDouble())
                .max().orElse(0));
    }

    private static void target(StringBuilder md, String name, double value, boolean met, String format) {
        md.append("| ").append(name).append(" | ").append(format.formatted(value)).append(" | ").append(met ? "yes" : "**no**").append(" |\n");
    }

    private static String errors(JsonNode errors) {
        if (errors == null || errors.isEmpty()) {
            return "0";
        }
        StringBuilder text = new StringBuilder();
        errors.fields().forEachRemaining(e -> text.append(text.isEmpty() ? "" : ", ").append(e.getKey()).append(": ").append(e.getValue().asText()));
        return text.toString();
    }
}
