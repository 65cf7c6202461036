package io.flowgate.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.flowgate.app.testing.ApiClient;
import io.flowgate.app.testing.Cluster;
import io.flowgate.app.testing.Platform;
import io.flowgate.app.testing.SseClient;
import io.flowgate.core.Json;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Nodes that each run a part of the platform ({@code FLOWGATE_ROLES}) cooperate through RabbitMQ and
 * PostgreSQL: an ingress-only node, two worker-only nodes, and an API and delivery node.
 */
@Tag("external")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClusterRolesIT {

    private static final int INGRESS = 0;
    private static final int API = 3;
    private static final Duration WAIT = Duration.ofSeconds(30);

    private Cluster cluster;
    private Platform platform;
    private String workspace;

    @BeforeAll
    void startCluster() {
        cluster = Cluster.start("roles", List.of(Map.of("FLOWGATE_ROLES", "ingress"), Map.of("FLOWGATE_ROLES", "worker"),
                Map.of("FLOWGATE_ROLES", "worker"), Map.of("FLOWGATE_ROLES", "api,delivery")));
        platform = cluster.platform(API);
        workspace = platform.createWorkspace("roles");
    }

    @AfterAll
    void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void aNodeWithoutTheApiOrWorkersAcceptsWebhooksThatTheWorkerNodesRun() {
        String flow = platform.startFlow(workspace, "greeter");

        ApiClient.Answer accepted = ingress().webhook(flow, Json.object().put("name", "ingress"));

        assertThat(accepted.status()).as(accepted.text()).isEqualTo(202);
        String execution = accepted.json().path("executionId").asText();
        assertThat(statuses(platform.awaitEnd(flow, execution))).containsExactly("started", "completed");
        assertThat(cluster.api(INGRESS).get("/v2/flows/" + flow).status()).as("the ingress node serves no API").isEqualTo(404);
    }

    @Test
    void aSyncWebhookIsAnsweredByTheIngressNodeWithWhatTheReplyStepOnAWorkerNodeSent() {
        String flow = platform.startFlow(workspace, "sync-reply");
        var body = Json.object();
        body.putArray("items").addObject().put("price", 3);
        body.withArray("items").addObject().put("price", 4);

        ApiClient.Answer answer = ingress().webhook(flow, body);

        assertThat(answer.status()).as(answer.text()).isEqualTo(201);
        assertThat(answer.json().path("total").asInt()).isEqualTo(7);
        assertThat(answer.header("x-flow")).isEqualTo("sync");
    }

    @Test
    void aScheduleFiresOnceAcrossTwoWorkerNodes() {
        String flow = platform.startFlow(workspace, "scheduled");

        List<JsonNode> ended = platform.awaitEvents("flow/" + flow + "/execution",
                events -> events.stream().filter(e -> e.path("payload").path("status").asText().equals("completed")).count() >= 4);
        cluster.api(API).post("/v2/flows/" + flow + "/stop", Json.object());

        Map<String, List<String>> byExecution = ended.stream().collect(Collectors.groupingBy(
                e -> e.path("payload").path("executionId").asText(),
                Collectors.mapping(e -> e.path("payload").path("status").asText(), Collectors.toList())));
        byExecution.values().forEach(seen -> assertThat(seen).isSubsetOf("started", "completed").doesNotHaveDuplicates());
        for (String execution : byExecution.keySet()) {
            JsonNode runs = platform.execution(execution).path("attributes").path("step_runs");
            assertThat(runs).as("the tick and the log step, each run once").hasSize(2);
            runs.forEach(run -> assertThat(run.path("attempts")).hasSize(1));
        }
    }

    @Test
    void anEventStreamOnTheApiNodeSeesEventsThatTheWorkerNodesProduced() {
        String flow = platform.startFlow(workspace, "greeter");
        try (SseClient stream = SseClient.open(cluster.api(API), "channel=flow/" + flow + "/execution", null)) {
            ApiClient.Answer accepted = ingress().webhook(flow, Json.object().put("name", "streamed"));
            assertThat(accepted.status()).as(accepted.text()).isEqualTo(202);

            List<SseClient.Event> events = stream.take(2, WAIT);

            assertThat(events).extracting(event -> event.data().path("executionId").asText())
                    .containsOnly(accepted.json().path("executionId").asText());
            assertThat(events).extracting(event -> event.data().path("status").asText()).containsExactly("started", "completed");
        }
    }

    private ApiClient ingress() {
        return cluster.api(INGRESS);
    }

    private static List<String> statuses(List<JsonNode> events) {
        return events.stream().map(e -> e.path("payload").path("status").asText()).toList();
    }
}
