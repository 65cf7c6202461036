package io.flowgate.runtime.components;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flowgate.core.Json;
import io.flowgate.runtime.component.ComponentFunction;
import io.flowgate.runtime.component.JsonataExpression;
import io.flowgate.runtime.component.PreparedStep;
import io.flowgate.runtime.component.StepContext;
import io.flowgate.runtime.component.StepResult;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@code http}/{@code request}: calls an HTTP endpoint. Connection errors, timeouts and 5xx answers are
 * retryable errors; 4xx answers are permanent. The output body is {@code {status, headers, body}}: the
 * answer's body parsed as JSON when it is JSON, else as text, null when empty, and not kept over 10 MiB.
 */
final class HttpRequest implements ComponentFunction {

    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NORMAL)
            .executor(Executors.newVirtualThreadPerTaskExecutor())
            .build();
    private static final int MAX_RESPONSE_BYTES = 10 * 1024 * 1024;

    private record Request(String method, String url, Map<String, String> headers, JsonataExpression body,
                           Duration timeout) {
    }

    @Override
    public String componentId() {
        return "http";
    }

    @Override
    public String function() {
        return "request";
    }

    @Override
    public Kind kind() {
        return Kind.ACTION;
    }

    @Override
    public String description() {
        return "Calls an HTTP endpoint; the body is a JSONata expression; auth comes from the step's credential.";
    }

    @Override
    public ObjectNode fieldsSchema() {
        return Fields.schema("""
                {"type":"object","required":["url"],
                 "properties":{
                   "method":{"type":"string","enum":["GET","POST","PUT","PATCH","DELETE","HEAD"],"default":"GET"},
                   "url":{"type":"string","pattern":"^https?://"},
                   "headers":{"type":"object","additionalProperties":{"type":"string"}},
                   "body":{"type":"string","description":"JSONata expression giving the JSON request body"},
                   "timeoutMs":{"type":"integer","minimum":1,"maximum":300000,"default":30000}}}
                """);
    }

    @Override
    public PreparedStep prepare(ObjectNode fields) {
        JsonataExpression body = Fields.optionalExpression(fields, "body");
        Map<String, String> headers = new LinkedHashMap<>();
        fields.path("headers").properties().forEach(e -> headers.put(e.getKey(), e.getValue().asText()));
        boolean typed = headers.keySet().stream().anyMatch(name -> name.equalsIgnoreCase("content-type"));
        if (body != null && !typed) {
            headers.put("content-type", "application/json");
        }
        Request request = new Request(Fields.text(fields, "method", "GET").toUpperCase(Locale.ROOT),
                Fields.requiredText(fields, "url"), headers, body,
                Duration.ofMillis(Fields.number(fields, "timeoutMs", 30_000)));
        return context -> call(request, context);
    }

    /** Calls the endpoint; {@code timeoutMs} bounds the whole exchange, the body included. */
    private static StepResult call(Request request, StepContext context) {
        CompletableFuture<HttpResponse<LimitedBody.Bytes>> pending;
        try {
            pending = CLIENT.sendAsync(build(request, context), info -> new LimitedBody(MAX_RESPONSE_BYTES));
        } catch (IllegalArgumentException e) {
            return StepResult.fail("HttpInvalidRequest", e.getMessage(), false);
        }
        try {
            return answered(request, pending.get(request.timeout().toMillis(), TimeUnit.MILLISECONDS), context);
        } catch (TimeoutException e) {
            pending.cancel(true);
            return timedOut(request);
        } catch (ExecutionException e) {
            return notAnswered(request, e.getCause());
        } catch (InterruptedException e) {
            pending.cancel(true);
            Thread.currentThread().interrupt();
            return StepResult.fail("Interrupted", "the request was interrupted", true);
        }
    }

    private static StepResult answered(Request request, HttpResponse<LimitedBody.Bytes> response, StepContext context) {
        int status = response.statusCode();
        if (status >= 500) {
            return StepResult.fail("HttpServerError", describe(request) + " answered " + status, true);
        }
        if (status >= 400) {
            return StepResult.fail("HttpClientError", describe(request) + " answered " + status, false);
        }
        return StepResult.emit(StepResult.Output.of(output(response), context.attributes()));
    }

    private static StepResult notAnswered(Request request, Throwable cause) {
        return switch (cause) {
            case HttpTimeoutException timeout -> timedOut(request);
            case IllegalArgumentException invalid -> StepResult.fail("HttpInvalidRequest", invalid.getMessage(), false);
            default -> StepResult.fail("HttpConnectionError", describe(request) + ": " + cause, true);
        };
    }

    private static StepResult timedOut(Request request) {
        return StepResult.fail("HttpTimeout", describe(request) + " timed out after " + request.timeout().toMillis() + " ms", true);
    }

    private static String describe(Request request) {
        return request.method() + " " + request.url();
    }

    private static java.net.http.HttpRequest build(Request request, StepContext context) {
        var builder = java.net.http.HttpRequest.newBuilder(URI.create(request.url())).timeout(request.timeout());
        request.headers().forEach(builder::header);
        context.credential().ifPresent(credential -> authorize(builder, credential));
        if (request.body() == null) {
            builder.method(request.method(), java.net.http.HttpRequest.BodyPublishers.noBody());
        } else {
            JsonNode body = Fields.evaluate(request.body(), context);
            builder.method(request.method(), java.net.http.HttpRequest.BodyPublishers.ofByteArray(Json.bytes(body)));
        }
        return builder.build();
    }

    /** Credential types: basic (username, password), bearer (token), apiKey (header, value). */
    private static void authorize(java.net.http.HttpRequest.Builder builder, ObjectNode credential) {
        switch (credential.path("type").asText()) {
            case "basic" -> {
                String pair = credential.path("username").asText() + ":" + credential.path("password").asText();
                builder.header("authorization", "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
            }
            case "bearer" -> builder.header("authorization", "Bearer " + credential.path("token").asText());
            case "apiKey" -> builder.header(credential.path("header").asText("x-api-key"), credential.path("value").asText());
            default -> { }
        }
    }

    private static ObjectNode output(HttpResponse<LimitedBody.Bytes> response) {
        ObjectNode out = Json.object();
        out.put("status", response.statusCode());
        ObjectNode headers = out.putObject("headers");
        response.headers().map().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), String.join(", ", values)));
        LimitedBody.Bytes body = response.body();
        if (body.tooLarge()) {
            out.put("body", "(response of more than " + MAX_RESPONSE_BYTES + " bytes not kept)");
        } else {
            out.set("body", parseOrText(body.data()));
        }
        return out;
    }

    /** JSON when the body is JSON, else its text; an empty body is null. */
    private static JsonNode parseOrText(byte[] bytes) {
        if (bytes.length == 0) {
            return NullNode.getInstance();
        }
        try {
            return Json.MAPPER.readTree(bytes);
        } catch (IOException e) {
            return Json.MAPPER.getNodeFactory().textNode(new String(bytes, StandardCharsets.UTF_8));
        }
    }
}
