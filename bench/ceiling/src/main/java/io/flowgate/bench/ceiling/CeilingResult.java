package io.flowgate.bench.ceiling;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flowgate.bench.loadgen.Results;
import java.util.Map;
import org.HdrHistogram.Histogram;

/** A ceiling's measured run in the load generator's result format: closed model, so the report reads it like any run. */
final class CeilingResult {

    private CeilingResult() {
    }

    /** {@code count} of {@code unit} in {@code seconds}, with the latency of each, measured as {@code latencyBasis} says. */
    record Measured(long count, double seconds, String unit, String latencyBasis, Histogram latencyMicros, Map<String, Long> errors) {
    }

    static ObjectNode of(String system, String mode, String variant, String load, int connections, String client,
                         Measured measured) {
        ObjectNode result = Results.base(system, mode, "ceiling", variant);
        result.put("load", load);
        result.put("model", "closed");
        result.put("connections", connections);
        result.put("client", client);
        result.put("seconds", measured.seconds());
        result.put("count", measured.count());
        result.put("throughput", Results.round(measured.count() / measured.seconds()));
        result.put("unit", measured.unit());
        result.put("latencyBasis", measured.latencyBasis());
        result.set("latencyMs", Results.latency(measured.latencyMicros()));
        result.set("curve", Results.curve(measured.latencyMicros()));
        result.set("errors", Results.counts(measured.errors()));
        return result;
    }
}
