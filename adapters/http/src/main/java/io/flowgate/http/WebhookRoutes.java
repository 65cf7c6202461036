package io.flowgate.http;

import io.flowgate.core.FlowgateException;
import io.flowgate.core.Json;
import io.flowgate.services.ingress.WebhookAnswer;
import io.flowgate.services.ingress.WebhookIngress;
import io.flowgate.services.ingress.WebhookRequest;
import io.helidon.http.Header;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The webhooks server: {@code /hook/{flowId}[/more]} and {@code /webhook/flow/{flowId}[/more]}, any
 * method (the ingress answers 405 for methods it does not take).
 */
public final class WebhookRoutes implements HttpService {

    private final WebhookIngress ingress;
    private final long maxBodyBytes;
    private final MeterRegistry metrics;
    private final Timer acceptLatency;

    public WebhookRoutes(WebhookIngress ingress, long maxBodyBytes, MeterRegistry metrics) {
        this.ingress = ingress;
        this.maxBodyBytes = maxBodyBytes;
        this.metrics = metrics;
        this.acceptLatency = Timer.builder("flowgate.webhook.accept").description("Time to answer a webhook request")
                .publishPercentileHistogram().register(metrics);
    }

    @Override
    public void routing(HttpRules rules) {
        rules.any("/{flowId}", this::handle).any("/{flowId}/{+rest}", this::handle);
    }

    private void handle(ServerRequest req, ServerResponse res) {
        Timer.Sample sample = Timer.start(metrics);
        String flowId = req.path().pathParameters().get("flowId");
        WebhookAnswer answer = null;
        int status = 500;
        try {
            byte[] body = Requests.body(req, maxBodyBytes);
            metrics.counter("flowgate.webhook.bytes.in").increment(body.length);
            answer = ingress.accept(request(req, body));
            status = answer.status();
            answer.headers().forEach(res::header);
            send(res, answer);
        } catch (FlowgateException e) {
            status = HttpErrors.status(e.kind());
            throw e;
        } finally {
            sample.stop(acceptLatency);
            count(flowId, answer, status);
        }
    }

    /** Counts the request by flow (unknown ones together), outcome and status. */
    private void count(String flowId, WebhookAnswer answer, int status) {
        String flow = answer != null || ingress.isWebhookFlow(flowId) ? flowId : "unknown";
        String outcome = answer != null ? answer.outcome().name().toLowerCase(Locale.ROOT) : failure(status);
        metrics.counter("flowgate.webhook.requests", "flow", flow, "outcome", outcome, "status", String.valueOf(status)).increment();
    }

    private static String failure(int status) {
        if (status == 429) {
            return "limited";
        }
        if (status == 503) {
            return "unavailable";
        }
        return status < 500 ? "rejected" : "failed";
    }

    private static void send(ServerResponse res, WebhookAnswer answer) {
        res.status(answer.status());
        if (answer.body() == null || answer.body().isMissingNode()) {
            res.send();
        } else if (answer.body().isTextual() && answer.headers().keySet().stream().anyMatch(h -> h.equalsIgnoreCase("content-type"))) {
            res.send(answer.body().asText().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        } else {
            if (answer.headers().keySet().stream().noneMatch(h -> h.equalsIgnoreCase("content-type"))) {
                res.header("Content-Type", Responses.JSON);
            }
            res.send(Json.bytes(answer.body()));
        }
    }

    private static WebhookRequest request(ServerRequest req, byte[] body) {
        Map<String, String> headers = new HashMap<>();
        for (Header header : req.headers()) {
            headers.merge(header.name().toLowerCase(Locale.ROOT), header.get(), (a, b) -> a + ", " + b);
        }
        Map<String, String> query = new HashMap<>();
        for (String name : req.query().names()) {
            query.put(name, String.join(",", req.query().all(name)));
        }
        var parameters = req.path().pathParameters();
        String rest = parameters.contains("rest") ? parameters.get("rest") : "";
        return new WebhookRequest(parameters.get("flowId"), req.prologue().method().text(), rest, headers, query, body);
    }
}
