package io.flowgate.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flowgate.core.Json;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/** {@code /health/live}, {@code /health/ready} (every dependency answers) and {@code /metrics} (Prometheus). */
public final class OperationsRoutes implements HttpService {

    private final Map<String, BooleanSupplier> readinessChecks;
    private final PrometheusMeterRegistry metrics;

    public OperationsRoutes(Map<String, BooleanSupplier> readinessChecks, PrometheusMeterRegistry metrics) {
        this.readinessChecks = Map.copyOf(readinessChecks);
        this.metrics = metrics;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/health/live", (req, res) -> Responses.json(res, 200, Json.object().put("status", "UP")))
                .get("/health/ready", (req, res) -> {
                    ObjectNode body = Json.object();
                    ObjectNode checks = body.putObject("checks");
                    List<String> down = new ArrayList<>();
                    for (var check : readinessChecks.entrySet()) {
                        boolean up = safely(check.getValue());
                        checks.put(check.getKey(), up ? "UP" : "DOWN");
                        if (!up) {
                            down.add(check.getKey());
                        }
                    }
                    body.put("status", down.isEmpty() ? "UP" : "DOWN");
                    if (!down.isEmpty()) {
                        body.put("reason", "not ready: " + String.join(", ", down) + " DOWN");
                    }
                    Responses.json(res, down.isEmpty() ? 200 : 503, body);
                })
                .get("/metrics", (req, res) -> {
                    res.header("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
                    res.send(metrics.scrape().getBytes(StandardCharsets.UTF_8));
                });
    }

    private static boolean safely(BooleanSupplier check) {
        try {
            return check.getAsBoolean();
        } catch (RuntimeException e) {
            return false;
        }
    }
}
