package io.flowgate.bench.loadgen;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** The few Flowgate API calls the scenarios need (JSON:API under /v2, Bearer key). */
public final class FlowgateApi {

    /** A non-2xx answer of the API. */
    public static final class ApiException extends IOException {
        private final int status;

        ApiException(int status, String message) {
            super(message);
            this.status = status;
        }

        public int status() {
            return status;
        }
    }

    private final String baseUrl;
    private final String token;
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    public FlowgateApi(String baseUrl, String token) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.token = token;
    }

    public String baseUrl() {
        return baseUrl;
    }

    public String token() {
        return token;
    }

    public JsonNode get(String path) throws IOException, InterruptedException {
        return send(request(path).GET().build());
    }

    public JsonNode post(String path, JsonNode body) throws IOException, InterruptedException {
        String text = body == null ? "" : Results.JSON.writeValueAsString(body);
        return send(request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(text)).build());
    }

    /**
     * The cursor of the newest activity event of the workspace (the flows just started have theirs): a
     * point in the event log from which to follow the events of what comes next.
     */
    public long recentCursor(String workspaceId) throws IOException, InterruptedException {
        String cursor = "0";
        while (true) {
            JsonNode page = get("/v2/events?channel=workspace/" + workspaceId + "/activity&limit=1000&after=" + cursor);
            cursor = page.path("meta").path("next_cursor").asText(cursor);
            if (page.path("data").size() < 1000) {
                return Long.parseLong(cursor);
            }
        }
    }

    public void delete(String path) throws IOException, InterruptedException {
        send(request(path).DELETE().build());
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token).header("Accept", "application/json");
    }

    private JsonNode send(HttpRequest request) throws IOException, InterruptedException {
        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new ApiException(response.statusCode(), request.method() + " " + request.uri().getPath() + " answered "
                    + response.statusCode() + ": " + abbreviate(response.body()));
        }
        String body = response.body();
        return body == null || body.isBlank() ? Results.JSON.createObjectNode() : Results.JSON.readTree(body);
    }

    private static String abbreviate(String text) {
        return text == null ? "" : text.length() > 300 ? text.substring(0, 300) + "…" : text;
    }

    public String createWorkspace(String name) throws IOException, InterruptedException {
        ObjectNode body = Results.JSON.createObjectNode();
        body.putObject("data").putObject("attributes").put("name", name);
        return post("/v2/workspaces", body).path("data").path("id").asText();
    }

    /** Creates and starts a flow; returns its id. */
    public String startFlow(String workspaceId, String name, JsonNode graph) throws IOException, InterruptedException {
        ObjectNode body = Results.JSON.createObjectNode();
        ObjectNode data = body.putObject("data");
        data.put("type", "flow");
        data.putObject("attributes").put("name", name).set("graph", graph);
        data.putObject("relationships").putObject("workspace").putObject("data").put("type", "workspace").put("id", workspaceId);
        String id = post("/v2/flows", body).path("data").path("id").asText();
        post("/v2/flows/" + id + "/start", null);
        return id;
    }

    public static JsonNode graph(String json) {
        try {
            return Results.JSON.readTree(json);
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
