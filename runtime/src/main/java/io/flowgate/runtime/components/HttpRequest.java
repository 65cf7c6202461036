package io.flowgate.runtime.components;

import com.fasterxml.jackson.databind.JsonNode;
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
import java.util.concurrent.Executors;

/**
 * {@code http}/{@code request}: calls an HTTP endpoint. Connection errors, timeouts and 5xx answers are
 * retryable errors; 4xx answers are permanent. The output body is {@code {status, headers, body}}.
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
        Map<String, String> headers = new LinkedHashMap<>();
        fields.path("headers").properties().forEach(e -> headers.put(e.getKey(), e.getValue().asText()));
        Request request = new Request(Fields.text(fields, "method", "GET").toUpperCase(Locale.ROOT),
                Fields.requiredText(fields, "url"), headers, Fields.optionalExpression(fields, "body"),
                Duration.ofMillis(Fields.number(fields, "timeoutMs", 30_000)));
        return context -> call(request, context);
    }

    private static StepResult call(Request request, StepContext context) {
        try {
            HttpResponse<byte[]> response = CLIENT.send(build(request, context), HttpResponse.BodyHandlers.ofByteArray());
            int status = response.statusCode();
            if (status >= 500) {
                return StepResult.fail("HttpServerError", request.method() + " " + request.url() + " answered " + status, true);
            }
            if (status >= 400) {
                return StepResult.fail("HttpClientError", request.method() + " " + request.url() + " answered " + status, false);
            }
            return StepResult.emit(StepResult.Output.of(output(response), context.attributes()));
        } catch (HttpTimeoutException e) {
            return StepResult.fail("HttpTimeout", request.method() + " " + request.url() + " timed out", true);
        } catch (IOException e) {
            return StepResult.fail("HttpConnectionError", request.method() + " " + request.url() + ": " + e, true);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return StepResult.fail("Interrupted", "the request was interrupted", true);
        } catch (IllegalArgumentException e) {
            return StepResult.fail("HttpInvalidRequest", e.getMessage(), false);
        }
    }

    private static java.net.http.HttpRequest build(Request request, StepContext context) {
        var builder = java.net.http.HttpRequest.newBuilder(URI.create(request.url())).timeout(request.timeout());
        request.headers().forEach(builder::header);
        context.credential().ifPresent(credential -> authorize(builder, credential));
        if (request.body() == null) {
            builder.method(request.method(), java.net.http.HttpRequest.BodyPublishers.noBody());
        } else {
            JsonNode body = Fields.evaluate(request.body(), context);
            builder.header("content-type", "application/json");
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

    private static ObjectNode output(HttpResponse<byte[]> response) {
        ObjectNode out = Json.object();
        out.put("status", response.statusCode());
        ObjectNode headers = out.putObject("headers");
        response.headers().map().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), String.join(", ", values)));
        byte[] bytes = response.body();
        if (bytes.length > MAX_RESPONSE_BYTES) {
            out.put("body", "(response of " + bytes.length + " bytes not kept)");
        } else {
            out.set("body", parseOrText(bytes));
        }
        return out;
    }

    private static JsonNode parseOrText(byte[] bytes) {
        try {
            return Json.MAPPER.readTree(bytes);
        } catch (IOException e) {
            return Json.MAPPER.getNodeFactory().textNode(new String(bytes, StandardCharsets.UTF_8));
        }
    }
}
