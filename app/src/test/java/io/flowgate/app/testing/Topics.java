package io.flowgate.app.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flowgate.core.Json;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** What a test does with topics through the API: topics, subscriber and publisher flows, their executions. */
public final class Topics {

    private final Platform platform;
    private final ApiClient api;

    public Topics(Platform platform) {
        this.platform = platform;
        this.api = platform.api();
    }

    public ApiClient.Answer tryCreate(String workspaceId, String name, JsonNode schema) {
        ObjectNode attributes = Json.object().put("name", name);
        if (schema != null) {
            attributes.set("schema", schema);
        }
        return api.post(path(workspaceId), ApiClient.document(attributes, null));
    }

    /** Creates a topic; returns its id. */
    public String create(String workspaceId, String name, JsonNode schema) {
        ApiClient.Answer answer = tryCreate(workspaceId, name, schema);
        assertThat(answer.status()).as(answer.text()).isEqualTo(201);
        return answer.json().path("data").path("id").asText();
    }

    public String create(String workspaceId, String name) {
        return create(workspaceId, name, null);
    }

    public ApiClient.Answer publish(String workspaceId, String topicName, JsonNode data) {
        return api.post(path(workspaceId) + "/" + topicName + "/messages", data);
    }

    public ApiClient.Answer publish(String workspaceId, String topicName, JsonNode data, String correlationId) {
        return api.post(path(workspaceId) + "/" + topicName + "/messages", data, Map.of("x-correlation-id", correlationId));
    }

    /** Publishes and checks that the message was accepted; returns the TopicMessage. */
    public JsonNode published(String workspaceId, String topicName, JsonNode data) {
        ApiClient.Answer answer = publish(workspaceId, topicName, data);
        assertThat(answer.status()).as(answer.text()).isEqualTo(202);
        return answer.json();
    }

    public JsonNode get(String workspaceId, String topicId) {
        ApiClient.Answer answer = api.get(path(workspaceId) + "/" + topicId);
        assertThat(answer.status()).as(answer.text()).isEqualTo(200);
        return answer.json().path("data");
    }

    /** Creates and starts a flow from fixture {@code flows/<fixture>.json} with its topic steps on {@code topic}. */
    public String startFlow(String workspaceId, String fixture, String topic) {
        return platform.startFlow(workspaceId, fixture, graph(fixture, topic));
    }

    public String startSubscriber(String workspaceId, String topic) {
        return startFlow(workspaceId, "topic-subscriber", topic);
    }

    /** The graph of fixture {@code fixture} with every topic step naming {@code topic}. */
    public static JsonNode graph(String fixture, String topic) {
        JsonNode graph = Platform.fixture(fixture);
        graph.path("nodes").forEach(node -> {
            if (node.path("component_id").asText().equals("topic")) {
                ((ObjectNode) node.path("fields")).put("topic", topic);
            }
        });
        return graph;
    }

    /** The executions of a flow, newest first. */
    public List<JsonNode> executions(String flowId) {
        ApiClient.Answer answer = api.get("/v2/executions?page%5Bsize%5D=1000&flow_id=" + flowId);
        assertThat(answer.status()).as(answer.text()).isEqualTo(200);
        List<JsonNode> executions = new ArrayList<>();
        answer.json().path("data").forEach(executions::add);
        return executions;
    }

    /** Waits until the flow has {@code count} ended executions; returns all its executions then. */
    public List<JsonNode> awaitEnded(String flowId, int count) {
        List<List<JsonNode>> last = new ArrayList<>(List.of(List.of()));
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() -> {
            last.set(0, executions(flowId));
            return last.getFirst().stream().filter(e -> !status(e).equals("running")).count() >= count;
        });
        return last.getFirst();
    }

    public static String status(JsonNode execution) {
        return execution.path("attributes").path("status").asText();
    }

    /** What the execution's trigger step (the run without a parent message) got: the TopicMessage. */
    public JsonNode triggerInput(JsonNode execution) {
        JsonNode runs = platform.execution(execution.path("id").asText()).path("attributes").path("step_runs");
        for (JsonNode run : runs) {
            if (run.path("parent_message_id").isNull()) {
                return run.path("input").path("body");
            }
        }
        throw new AssertionError("No trigger step run in " + runs);
    }

    private static String path(String workspaceId) {
        return "/v2/workspaces/" + workspaceId + "/topics";
    }
}
