package io.flowgate.app.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flowgate.core.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/** A client of a running node's HTTP API, as a user's program would be. */
public final class ApiClient {

    /** An answer: status, headers (lower-case names) and the body, parsed when it is JSON. */
    public record Answer(int status, Map<String, String> headers, String text) {
        public JsonNode json() {
            return text.isEmpty() ? Json.object() : Json.parse(text);
        }

        public String header(String name) {
            return headers.get(name);
        }
    }

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private final String base;
    private final String apiKey;

    public ApiClient(String base, String apiKey) {
        this.base = base;
        this.apiKey = apiKey;
    }

    public ApiClient as(String otherKey) {
        return new ApiClient(base, otherKey);
    }

    public String apiKey() {
        return apiKey;
    }

    public String base() {
        return base;
    }

    public Answer get(String path) {
        return send(request(path).GET());
    }

    public Answer delete(String path) {
        return send(request(path).DELETE());
    }

    public Answer post(String path, JsonNode body) {
        return post(path, body, Map.of());
    }

    /** A POST with extra request headers. */
    public Answer post(String path, JsonNode body, Map<String, String> headers) {
        HttpRequest.Builder builder = request(path).header("content-type", "application/json");
        headers.forEach(builder::header);
        return send(builder.POST(HttpRequest.BodyPublishers.ofByteArray(Json.bytes(body))));
    }

    public Answer patch(String path, JsonNode body) {
        return send(request(path).header("content-type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofByteArray(Json.bytes(body))));
    }

    /** A raw request without the API key, e.g. a webhook call. */
    public Answer raw(String method, String path, Map<String, String> headers, byte[] body) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60));
        headers.forEach(builder::header);
        builder.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        return send(builder);
    }

    public Answer webhook(String flowId, JsonNode body) {
        return raw("POST", "/hook/" + flowId, Map.of("content-type", "application/json"), Json.bytes(body));
    }

    /** The body of a JSON:API create request with these attributes (and optionally a workspace relationship). */
    public static ObjectNode document(ObjectNode attributes, String workspaceId) {
        ObjectNode document = Json.object();
        ObjectNode data = document.putObject("data");
        data.set("attributes", attributes);
        if (workspaceId != null) {
            data.putObject("relationships").putObject("workspace").putObject("data")
                    .put("type", "workspace").put("id", workspaceId);
        }
        return document;
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60))
                .header("authorization", "Bearer " + apiKey);
    }

    private static Answer send(HttpRequest.Builder builder) {
        try {
            HttpResponse<byte[]> response = HTTP.send(builder.build(), HttpResponse.BodyHandlers.ofByteArray());
            Map<String, String> headers = new java.util.HashMap<>();
            response.headers().map().forEach((name, values) -> headers.put(name.toLowerCase(java.util.Locale.ROOT), String.join(", ", values)));
            return new Answer(response.statusCode(), headers, new String(response.body(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
