package io.flowgate.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.flowgate.app.testing.ApiClient;
import io.flowgate.app.testing.EventSchemas;
import io.flowgate.app.testing.Platform;
import io.flowgate.app.testing.TestNode;
import io.flowgate.core.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The platform end to end, as a user sees it through HTTP: written once, run on the embedded default
 * and on RabbitMQ with PostgreSQL.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class EndToEndContract {

    private static final String TIMESTAMP = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z";

    protected TestNode node;
    protected Platform platform;
    protected ApiClient api;
    protected String workspace;

    protected abstract TestNode startNode();

    @BeforeAll
    void start() {
        node = startNode();
        platform = node.platform();
        api = node.api();
        workspace = platform.createWorkspace("e2e");
    }

    /** Every event the suite made validates against the AsyncAPI document the server publishes. */
    @AfterAll
    void stop() {
        try {
            if (node != null) {
                EventSchemas.assertValid(platform.allEvents());
            }
        } finally {
            if (node != null) {
                node.close();
            }
        }
    }

    @Test
    void webhookIsAcceptedThenRunsEveryStepAndEmitsStartedThenCompleted() {
        String flow = platform.startFlow(workspace, "greeter");

        ApiClient.Answer accepted = api.webhook(flow, Json.object().put("name", "Ada"));

        assertThat(accepted.status()).isEqualTo(202);
        JsonNode body = accepted.json();
        assertThat(body.path("message").asText()).isEqualTo("thank you");
        String executionId = body.path("executionId").asText();
        assertThat(accepted.header("x-execution-id")).isEqualTo(executionId);
        assertThat(accepted.header("x-request-id")).isEqualTo(body.path("requestId").asText());

        List<JsonNode> events = platform.awaitEnd(flow, executionId);
        assertThat(events).extracting(e -> e.path("payload").path("status").asText()).containsExactly("started", "completed");
        JsonNode completed = events.get(1).path("payload");
        assertThat(completed.path("stepCount").asInt()).isEqualTo(3);
        assertThat(completed.path("duration").isIntegralNumber()).isTrue();
        assertThat(completed.path("timestamp").asText()).matches(TIMESTAMP);
        assertThat(completed.path("flowId").asText()).isEqualTo(flow);
        assertThat(events.get(0).path("name").asText()).isEqualTo("FlowExecutionEvent");

        JsonNode execution = platform.execution(executionId).path("attributes");
        assertThat(execution.path("status").asText()).isEqualTo("completed");
        JsonNode runs = execution.path("step_runs");
        assertThat(runs).hasSize(3);
        JsonNode logInput = runs.get(2).path("input").path("body");
        assertThat(logInput.path("greeting").asText()).isEqualTo("Hello Ada");
        assertThat(runs.get(0).path("input").path("body").path("method").asText()).isEqualTo("POST");
    }

    @Test
    void syncFlowAnswersWithWhatItsReplyStepSays() {
        String flow = platform.startFlow(workspace, "sync-reply");
        var order = Json.object();
        order.putArray("items").add(Json.object().put("price", 2)).add(Json.object().put("price", 3));

        ApiClient.Answer answer = api.webhook(flow, order);

        assertThat(answer.status()).as(answer.text()).isEqualTo(201);
        assertThat(answer.header("x-flow")).isEqualTo("sync");
        assertThat(answer.header("x-execution-id")).isNotBlank();
        assertThat(answer.json().path("total").asInt()).isEqualTo(5);
        assertThat(answer.json().path("method").asText()).isEqualTo("POST");
    }

    @Test
    void syncFlowThatFailsBeforeItsReplyAnswers500WithTheError() {
        String flow = platform.startFlow(workspace, "sync-failing");

        ApiClient.Answer answer = api.webhook(flow, Json.object());

        assertThat(answer.status()).isEqualTo(500);
        assertThat(answer.header("x-execution-id")).isNotBlank();
        assertThat(answer.json().path("errors").get(0).path("detail").asText()).isEqualTo("the order is invalid");
    }

    @Test
    void permanentStepFailureEmitsOneErrorEventThenFailed() {
        String flow = platform.startFlow(workspace, "permanent-failure");
        String executionId = api.webhook(flow, Json.object()).json().path("executionId").asText();

        List<JsonNode> lifecycle = platform.awaitEnd(flow, executionId);

        assertThat(lifecycle).extracting(e -> e.path("payload").path("status").asText()).containsExactly("started", "failed");
        List<JsonNode> errors = platform.events("flow/" + flow + "/error");
        assertThat(errors).hasSize(1);
        JsonNode error = errors.getFirst().path("payload");
        assertThat(error.path("stepId").asText()).isEqualTo("boom");
        assertThat(error.path("retryable").asBoolean()).isFalse();
        assertThat(error.path("error").path("name").asText()).isEqualTo("BadData");
        assertThat(error.path("error").path("message").asText()).isEqualTo("cannot use this");
        assertThat(errors.getFirst().path("name").asText()).isEqualTo("FlowErrorEvent");
    }

    @Test
    void retryableFailureIsRetriedThenAManualRetryContinuesTheSameExecution() {
        String flow = platform.startFlow(workspace, "retried-failure");
        String executionId = api.webhook(flow, Json.object()).json().path("executionId").asText();

        platform.awaitEnd(flow, executionId);
        List<JsonNode> errors = platform.events("flow/" + flow + "/error");
        assertThat(errors).extracting(e -> e.path("payload").path("retryable").asBoolean()).containsExactly(true, false);
        assertThat(errors).extracting(e -> e.path("payload").path("attempt").asInt()).containsExactly(1, 2);

        ApiClient.Answer retried = api.post("/v2/executions/" + executionId + "/retry", Json.object());
        assertThat(retried.status()).as(retried.text()).isEqualTo(202);

        List<JsonNode> lifecycle = platform.awaitEvents("flow/" + flow + "/execution",
                events -> events.stream().filter(e -> e.path("payload").path("status").asText().equals("failed")).count() == 2);
        assertThat(lifecycle).extracting(e -> e.path("payload").path("status").asText()).containsExactly("started", "failed", "failed");
        JsonNode flaky = platform.execution(executionId).path("attributes").path("step_runs").get(1);
        assertThat(flaky.path("attempts")).hasSize(3);
    }

    @Test
    void splitFansOutAndTheExecutionEndsOnceWhenEveryBranchEnded() {
        String flow = platform.startFlow(workspace, "split");
        var body = Json.object();
        body.putArray("items").add(1).add(2).add(3).add(4);
        String executionId = api.webhook(flow, body).json().path("executionId").asText();

        List<JsonNode> lifecycle = platform.awaitEnd(flow, executionId);

        assertThat(lifecycle).extracting(e -> e.path("payload").path("status").asText()).containsExactly("started", "completed");
        assertThat(lifecycle.get(1).path("payload").path("stepCount").asInt()).isEqualTo(6);
    }

    @Test
    void aRepeatedIdempotencyKeyAnswersTheFirstIdsAndStartsNothing() {
        String flow = platform.startFlow(workspace, "greeter");
        Map<String, String> headers = Map.of("content-type", "application/json", "idempotency-key", "order-42");
        byte[] body = Json.bytes(Json.object().put("name", "Bo"));

        ApiClient.Answer first = api.raw("POST", "/hook/" + flow, headers, body);
        ApiClient.Answer second = api.raw("POST", "/hook/" + flow, headers, body);

        assertThat(first.status()).isEqualTo(202);
        assertThat(second.status()).isEqualTo(202);
        assertThat(second.json().path("executionId").asText()).isEqualTo(first.json().path("executionId").asText());
        assertThat(second.json().path("requestId").asText()).isEqualTo(first.json().path("requestId").asText());
        platform.awaitEnd(flow, first.json().path("executionId").asText());
        ApiClient.Answer executions = api.get("/v2/executions?flow_id=" + flow);
        assertThat(executions.json().path("meta").path("total").asInt()).isEqualTo(1);
    }

    @Test
    void unknownAndInactiveFlowsAnswer404WithAJsonError() {
        String inactive = platform.createFlow(workspace, "greeter");

        ApiClient.Answer answer = api.webhook(inactive, Json.object());
        ApiClient.Answer unknown = api.webhook("not-a-flow", Json.object());

        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.json().path("errors").get(0).path("detail").asText())
                .isEqualTo("Flow " + inactive + " either does not exist or is inactive");
        assertThat(unknown.status()).isEqualTo(404);
    }

    @Test
    void aScheduledFlowFiresOnItsCronUntilItIsStopped() {
        String flow = platform.startFlow(workspace, "scheduled");

        List<JsonNode> events = platform.awaitEvents("flow/" + flow + "/execution", all ->
                all.stream().filter(e -> e.path("payload").path("status").asText().equals("completed")).count() >= 2);
        ApiClient.Answer stopped = api.post("/v2/flows/" + flow + "/stop", Json.object());

        assertThat(stopped.status()).isEqualTo(200);
        JsonNode firstRun = platform.execution(events.getFirst().path("payload").path("executionId").asText());
        assertThat(firstRun.path("attributes").path("step_runs").get(0).path("input").path("body").has("scheduledFor")).isTrue();
        ApiClient.Answer invalid = api.post("/v2/flows", ApiClient.document(Json.object().put("name", "bad cron")
                .set("graph", Json.parse("{\"nodes\":[{\"id\":\"t\",\"component_id\":\"schedule\",\"function\":\"cron\","
                        + "\"fields\":{\"cron\":\"every day\"}}],\"edges\":[]}")), workspace));
        assertThat(invalid.status()).isEqualTo(422);
    }

    /** The runtime's valid flow fixtures that say how a run goes (their {@code example}). */
    Stream<Path> flowFixturesWithExamples() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("../runtime/src/test/resources/flows/valid"))) {
            return files.filter(file -> fixtureFile(file).has("example")).sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("flowFixturesWithExamples")
    void everyFlowFixtureRunsThroughTheBrokerAsItsExampleSays(Path file) {
        JsonNode fixture = fixtureFile(file);
        JsonNode example = fixture.path("example");
        fixture.at("/graph/nodes").forEach(node -> {
            if (node.path("component_id").asText().equals("topic")) {
                platform.ensureTopic(workspace, node.at("/fields/topic").asText());
            }
        });
        String flow = platform.startFlow(workspace, file.getFileName().toString(), fixture.path("graph"));

        String executionId = platform.trigger(workspace, flow, fixture.at("/graph/nodes/0"), example.path("body"));

        List<JsonNode> lifecycle = platform.awaitEnd(flow, executionId);
        JsonNode end = lifecycle.getLast().path("payload");
        assertThat(lifecycle.getFirst().path("payload").path("status").asText()).isEqualTo("started");
        assertThat(end.path("status").asText()).isEqualTo(example.path("status").asText());
        assertThat(end.path("stepCount").asInt()).isEqualTo(example.path("stepCount").asInt());
    }

    private static JsonNode fixtureFile(Path file) {
        try {
            return Json.parse(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void theApiRefusesCallersWithoutAValidKey() {
        ApiClient.Answer none = api.raw("GET", "/v2/workspaces", Map.of(), null);
        ApiClient.Answer wrong = api.as("fg_wrong").get("/v2/workspaces");

        assertThat(none.status()).isEqualTo(401);
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.json().path("errors").get(0).path("status").asInt()).isEqualTo(401);
    }

    @Test
    void healthSaysReadyWhenBrokerAndDatabaseAnswer() {
        ApiClient.Answer ready = api.raw("GET", "/health/ready", Map.of(), null);

        assertThat(ready.status()).isEqualTo(200);
        assertThat(ready.json().path("checks").path("broker").asText()).isEqualTo("UP");
        assertThat(ready.json().path("checks").path("database").asText()).isEqualTo("UP");
        assertThat(api.raw("GET", "/metrics", Map.of(), null).text()).contains("flowgate_webhook_accept_seconds");
    }
}
