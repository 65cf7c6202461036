package io.flowgate.bench.loadgen;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;

/** The JSON of one result: what was run, how, and what it measured (see BENCHMARKS.md for the fields). */
public final class Results {

    public static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private Results() {
    }

    public static ObjectNode base(String system, String mode, String scenario, String variant) {
        ObjectNode result = JSON.createObjectNode();
        result.put("id", String.join("-", system, mode, scenario, variant));
        result.put("system", system);
        result.put("mode", mode);
        result.put("scenario", scenario);
        result.put("variant", variant);
        return result;
    }

    /** A result from a load run: throughput of 2xx answers in the measured window, latencies of all answers. */
    public static ObjectNode of(String system, String mode, String scenario, String variant, LoadRun.Outcome outcome,
                                String latencyBasis) {
        ObjectNode result = base(system, mode, scenario, variant);
        LoadSpec spec = outcome.spec();
        result.put("load", spec.describe());
        result.put("model", spec.model().name().toLowerCase());
        if (spec.model() == LoadSpec.Model.OPEN) {
            result.put("targetRate", spec.rate());
        }
        result.put("connections", spec.connections());
        result.put("client", outcome.client());
        result.put("warmupSeconds", spec.warmup().toMillis() / 1000.0);
        result.put("seconds", outcome.seconds());
        result.put("count", outcome.ok());
        result.put("throughput", round(outcome.throughput()));
        result.put("unit", "req/s");
        result.put("latencyBasis", latencyBasis);
        result.set("latencyMs", latency(outcome.latencyMicros()));
        result.set("curve", curve(outcome.latencyMicros()));
        result.set("statuses", counts(outcome.statuses()));
        result.set("errors", counts(outcome.errors()));
        return result;
    }

    public static ObjectNode skipped(String system, String mode, String scenario, String variant, String reason) {
        ObjectNode result = base(system, mode, scenario, variant);
        result.put("skipped", reason);
        return result;
    }

    public static ObjectNode counts(Map<String, Long> counts) {
        ObjectNode node = JSON.createObjectNode();
        counts.forEach(node::put);
        return node;
    }

    /** p50, p90, p99, p99.9, max and mean in milliseconds. */
    public static ObjectNode latency(Histogram micros) {
        ObjectNode node = JSON.createObjectNode();
        node.put("samples", micros.getTotalCount());
        if (micros.getTotalCount() == 0) {
            return node;
        }
        node.put("p50", ms(micros.getValueAtPercentile(50)));
        node.put("p90", ms(micros.getValueAtPercentile(90)));
        node.put("p99", ms(micros.getValueAtPercentile(99)));
        node.put("p999", ms(micros.getValueAtPercentile(99.9)));
        node.put("max", ms(micros.getMaxValue()));
        node.put("mean", round(micros.getMean() / 1000.0));
        return node;
    }

    /** [percentile, ms] points for the latency chart, denser towards the tail. */
    public static ArrayNode curve(Histogram micros) {
        ArrayNode points = JSON.createArrayNode();
        if (micros.getTotalCount() == 0) {
            return points;
        }
        for (HistogramIterationValue value : micros.percentiles(4)) {
            double percentile = value.getPercentileLevelIteratedTo();
            points.addArray().add(round(percentile)).add(ms(value.getValueIteratedTo()));
            if (percentile >= 100.0 || points.size() > 200) {
                break;
            }
        }
        return points;
    }

    static double ms(long micros) {
        return round(micros / 1000.0);
    }

    public static double round(double value) {
        return Math.round(value * 1000.0) / 1000.0;
    }

    public static void write(Path dir, JsonNode result) {
        try {
            Files.createDirectories(dir);
            Path file = dir.resolve(result.path("id").asText() + ".json");
            JSON.writeValue(file.toFile(), result);
            System.out.println("  wrote " + file.getFileName() + summaryLine(result));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String summaryLine(JsonNode result) {
        if (result.has("skipped")) {
            return ": skipped: " + result.get("skipped").asText();
        }
        JsonNode l = result.path("latencyMs");
        return ": %.0f %s, p50 %s ms, p99 %s ms, errors %s".formatted(result.path("throughput").asDouble(),
                result.path("unit").asText(), l.path("p50").asText("-"), l.path("p99").asText("-"), result.path("errors"));
    }
}
