package io.flowgate.app.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flowgate.core.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;

/** What a test does with the platform through its API: workspaces, flows from fixture files, events. */
public final class Platform {

    private final ApiClient api;

    public Platform(ApiClient api) {
        this.api = api;
    }

    public ApiClient api() {
        return api;
    }

    public String createWorkspace(String name) {
        ApiClient.Answer answer = api.post("/v2/workspaces", ApiClient.document(Json.object().put("name", name), null));
        assertThat(answer.status()).as(answer.text()).isEqualTo(201);
        return answer.json().path("data").path("id").asText();
    }

    /** A user and their API key. */
    public record User(String id, String email, String apiKey) {
    }

    /** Creates a user (as the admin) and returns it with its API key. */
    public User createUser(String email) {
        ApiClient.Answer answer = api.post("/v2/users", ApiClient.document(Json.object().put("email", email), null));
        assertThat(answer.status()).as(answer.text()).isEqualTo(201);
        JsonNode data = answer.json().path("data");
        return new User(data.path("id").asText(), email, data.path("attributes").path("api_key").asText());
    }

    /** Makes {@code userId} a member of the workspace with these roles. */
    public void addMember(String workspaceId, String userId, String... roles) {
        ObjectNode document = Json.object();
        ObjectNode data = document.putObject("data").put("type", "member").put("id", userId);
        var array = data.putObject("attributes").putArray("roles");
        for (String role : roles) {
            array.add(role);
        }
        ApiClient.Answer answer = api.post("/v2/workspaces/" + workspaceId + "/members", document);
        assertThat(answer.status()).as(answer.text()).isEqualTo(201);
    }

    /** Creates a credential and returns its id. */
    public String createCredential(String workspaceId, String name, String type, ObjectNode keys) {
        ObjectNode attributes = Json.object().put("name", name).put("type", type);
        attributes.set("keys", keys);
        ApiClient.Answer answer = api.post("/v2/workspaces/" + workspaceId + "/credentials", ApiClient.document(attributes, null));
        assertThat(answer.status()).as(answer.text()).isEqualTo(201);
        return answer.json().path("data").path("id").asText();
    }

    /** A new user (of no workspace yet), created by the admin: {@code id} and {@code api_key}. */
    public JsonNode createUser() {
        User user = createUser(UUID.randomUUID() + "@example.com");
        return Json.object().put("id", user.id()).put("api_key", user.apiKey());
    }

    /** Creates the workspace's topic {@code name} unless it exists. */
    public void ensureTopic(String workspaceId, String name) {
        ApiClient.Answer answer = api.post("/v2/workspaces/" + workspaceId + "/topics",
                ApiClient.document(Json.object().put("name", name), null));
        assertThat(answer.status()).as(answer.text()).isIn(201, 409);
    }

    /**
     * Starts an execution of a started flow with {@code body}, the way its trigger would: a topic message
     * for a topic subscriber, a run-now for anything else. Returns the execution id.
     */
    public String trigger(String workspaceId, String flowId, JsonNode triggerNode, JsonNode body) {
        if (triggerNode.path("component_id").asText().equals("topic")) {
            String topic = triggerNode.at("/fields/topic").asText();
            ApiClient.Answer published = api.post("/v2/workspaces/" + workspaceId + "/topics/" + topic + "/messages", body);
            assertThat(published.status()).as(published.text()).isEqualTo(202);
            List<JsonNode> started = awaitEvents("flow/" + flowId + "/execution", events -> !events.isEmpty());
            return started.getFirst().path("payload").path("executionId").asText();
        }
        ApiClient.Answer run = api.post("/v2/flows/" + flowId + "/run-now", body);
        assertThat(run.status()).as(run.text()).isEqualTo(202);
        return run.json().path("executionId").asText();
    }

    /** Creates a flow from {@code flows/<fixture>.json} (its graph) and starts it; returns its id. */
    public String startFlow(String workspaceId, String fixture) {
        return startFlow(workspaceId, fixture, fixture(fixture));
    }

    public String startFlow(String workspaceId, String name, JsonNode graph) {
        String id = createFlow(workspaceId, name, graph);
        ApiClient.Answer started = api.post("/v2/flows/" + id + "/start", Json.object());
        assertThat(started.status()).as(started.text()).isEqualTo(200);
        return id;
    }

    public String createFlow(String workspaceId, String fixture) {
        return createFlow(workspaceId, fixture, fixture(fixture));
    }

    public String createFlow(String workspaceId, String name, JsonNode graph) {
        ObjectNode attributes = Json.object().put("name", name);
        attributes.set("graph", graph);
        ApiClient.Answer answer = api.post("/v2/flows", ApiClient.document(attributes, workspaceId));
        assertThat(answer.status()).as(answer.text()).isEqualTo(201);
        return answer.json().path("data").path("id").asText();
    }

    /** A graph: a webhook trigger with {@code triggerFields}, then a reply that echoes the body. */
    public static JsonNode webhookEcho(ObjectNode triggerFields) {
        ObjectNode graph = (ObjectNode) fixture("echo");
        ((ObjectNode) graph.path("nodes").get(0)).set("fields", triggerFields);
        return graph;
    }

    public static JsonNode fixture(String name) {
        try (InputStream in = Platform.class.getResourceAsStream("/flows/" + name + ".json")) {
            if (in == null) {
                throw new IllegalArgumentException("No fixture flows/" + name + ".json");
            }
            return Json.parse(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every event on {@code channel} so far, in cursor order (all pages). */
    public List<JsonNode> events(String channel) {
        List<JsonNode> events = new ArrayList<>();
        String after = "0";
        while (true) {
            ApiClient.Answer page = api.get("/v2/events?limit=1000&channel=" + channel + "&after=" + after);
            assertThat(page.status()).as(page.text()).isEqualTo(200);
            JsonNode data = page.json().path("data");
            data.forEach(events::add);
            if (data.size() < 1000) {
                return events;
            }
            after = page.json().path("meta").path("next_cursor").asText();
        }
    }

    /** Every event of every channel the caller can read so far, in cursor order. */
    public List<JsonNode> allEvents() {
        return events("flow/*/execution&channel=flow/*/error&channel=workspace/*/activity");
    }

    /** Waits until the events on {@code channel} satisfy {@code condition}; returns them. */
    public List<JsonNode> awaitEvents(String channel, Predicate<List<JsonNode>> condition) {
        List<List<JsonNode>> last = new ArrayList<>(List.of(List.of()));
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() -> {
            last.set(0, events(channel));
            return condition.test(last.getFirst());
        });
        return last.getFirst();
    }

    /** The execution's events on {@code flow/<flowId>/execution} once its terminal event exists. */
    public List<JsonNode> awaitEnd(String flowId, String executionId) {
        return awaitEvents("flow/" + flowId + "/execution", events -> events.stream().anyMatch(e ->
                e.path("payload").path("executionId").asText().equals(executionId)
                        && !e.path("payload").path("status").asText().equals("started")))
                .stream().filter(e -> e.path("payload").path("executionId").asText().equals(executionId)).toList();
    }

    public JsonNode execution(String executionId) {
        ApiClient.Answer answer = api.get("/v2/executions/" + executionId);
        assertThat(answer.status()).as(answer.text()).isEqualTo(200);
        return answer.json().path("data");
    }
}
