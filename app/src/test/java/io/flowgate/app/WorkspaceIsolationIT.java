package io.flowgate.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flowgate.app.testing.ApiClient;
import io.flowgate.app.testing.Platform;
import io.flowgate.app.testing.TestNode;
import io.flowgate.core.Json;
import io.flowgate.testing.TempDirs;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Two users, each with a workspace full of things: neither sees anything of the other's through any
 * endpoint, the event history or the live stream: 404s and empty lists.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WorkspaceIsolationIT {

    private Path componentPath;
    private TestNode node;
    private Platform platform;
    private ApiClient alice;
    private ApiClient bob;
    private String aliceSpace;
    private String bobSpace;
    private String carol;
    private final Map<String, String> aliceThings = new java.util.LinkedHashMap<>();

    @BeforeAll
    void start() throws Exception {
        componentPath = TempDirs.create("components");
        ComponentJar.build(componentPath, "acme.jar");
        node = TestNode.embedded(Map.of("FLOWGATE_COMPONENT_PATH", componentPath.toString()));
        platform = node.platform();
        Platform.User a = platform.createUser("alice@example.com");
        Platform.User b = platform.createUser("bob@example.com");
        alice = node.api().as(a.apiKey());
        bob = node.api().as(b.apiKey());
        Platform asAlice = new Platform(alice);
        aliceSpace = asAlice.createWorkspace("alice's");
        bobSpace = new Platform(bob).createWorkspace("bob's");
        fillAlicesWorkspace(asAlice);
    }

    @AfterAll
    void stop() {
        node.close();
        TempDirs.delete(componentPath);
    }

    private void fillAlicesWorkspace(Platform asAlice) throws Exception {
        String flow = asAlice.startFlow(aliceSpace, "greeter");
        String execution = alice.webhook(flow, Json.object().put("name", "Al")).json().path("executionId").asText();
        asAlice.awaitEnd(flow, execution);
        carol = platform.createUser("carol@example.com").id();
        asAlice.addMember(aliceSpace, carol, "guest");
        String credential = asAlice.createCredential(aliceSpace, "secret", "bearer", Json.object().put("token", "t"));
        ObjectNode recipe = Json.object().put("name", "r");
        recipe.set("graph", Platform.fixture("greeter"));
        String recipeId = alice.post(space("/recipes"), ApiClient.document(recipe, null)).json().at("/data/id").asText();
        String component = alice.post(space("/components"), ApiClient.document(
                Json.object().put("component_id", "acme").put("jar", "acme.jar"), null)).json().at("/data/id").asText();
        try (BrokerClient broker = BrokerClient.connect(node)) {
            broker.publishStep(flow, BrokerClient.stepMessage(flow, aliceSpace, 9, Json.object()));
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> alice.get(space("/dead-letters")).json().at("/meta/total").asInt() == 1);
        String letter = alice.get(space("/dead-letters")).json().at("/data/0/id").asText();
        aliceThings.put("flow", "/v2/flows/" + flow);
        aliceThings.put("flow versions", "/v2/flows/" + flow + "/versions");
        aliceThings.put("execution", "/v2/executions/" + execution);
        aliceThings.put("workspace", space(""));
        aliceThings.put("members", space("/members"));
        aliceThings.put("credentials", space("/credentials"));
        aliceThings.put("credential", space("/credentials/" + credential));
        aliceThings.put("recipes", space("/recipes"));
        aliceThings.put("recipe", space("/recipes/" + recipeId));
        aliceThings.put("components", space("/components"));
        aliceThings.put("component", space("/components/" + component));
        aliceThings.put("dead letters", space("/dead-letters"));
        aliceThings.put("dead letter retry", space("/dead-letters/" + letter + "/retry"));
        aliceThings.put("flow start", "/v2/flows/" + flow + "/start");
        aliceThings.put("execution retry", "/v2/executions/" + execution + "/retry");
    }

    private static JsonNode roles() {
        ObjectNode document = Json.object();
        document.putObject("data").putObject("attributes").putArray("roles").add("owner");
        return document;
    }

    private String space(String rest) {
        return "/v2/workspaces/" + aliceSpace + rest;
    }

    @Test
    void everyResourceOfTheOtherWorkspaceIsNotFound() {
        aliceThings.forEach((what, path) -> {
            boolean action = what.endsWith("retry") || what.endsWith("start");
            ApiClient.Answer answer = action ? bob.post(path, Json.object()) : bob.get(path);
            assertThat(answer.status()).as(what + " " + path + ": " + answer.text()).isEqualTo(404);
            assertThat(answer.text()).as(what).doesNotContain("greeter").doesNotContain("secret");
            if (!action) {
                assertThat(alice.get(path).status()).as("alice sees her " + what).isEqualTo(200);
            }
        });
        assertThat(bob.patch(aliceThings.get("credential"), ApiClient.document(Json.object().put("name", "x"), null)).status())
                .isEqualTo(404);
        assertThat(bob.delete(aliceThings.get("flow")).status()).isEqualTo(404);
        assertThat(bob.patch(space("/members/" + carol), roles()).status()).isEqualTo(404);
    }

    @Test
    void listsAcrossWorkspacesHoldNothingOfTheOther() {
        assertThat(bob.get("/v2/flows").json().path("data").findValues("relationships"))
                .allSatisfy(r -> assertThat(r.at("/workspace/data/id").asText()).isEqualTo(bobSpace));
        assertThat(bob.get("/v2/executions").json().path("data")).isEmpty();
        assertThat(bob.get("/v2/workspaces").json().path("data").findValues("id")).extracting(JsonNode::asText).containsExactly(bobSpace);
        assertThat(bob.get("/v2/components").text()).doesNotContain("acme");
        for (String channel : List.of("workspace/*/activity", "flow/*/execution", "flow/*/error", "workspace/" + aliceSpace + "/activity")) {
            assertThat(bob.get("/v2/events?channel=" + channel).json().path("data").findValues("channel"))
                    .as(channel).allSatisfy(c -> assertThat(c.asText()).doesNotContain(aliceSpace))
                    .noneSatisfy(c -> assertThat(c.asText()).startsWith("flow/"));
        }
        assertThat(alice.get("/v2/events?channel=workspace/*/activity").json().path("data")).isNotEmpty();
    }

    @Test
    void theLiveStreamCarriesOnlyTheCallersOwnEvents() throws Exception {
        List<String> lines = new CopyOnWriteArrayList<>();
        HttpRequest request = HttpRequest.newBuilder(URI.create(bob.base() + "/v2/events/stream?channel=workspace/*/activity"))
                .header("authorization", "Bearer " + bob.apiKey()).build();
        HttpResponse<InputStream> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofInputStream());
        Thread reader = Thread.ofVirtual().start(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    lines.add(line);
                }
            } catch (java.io.IOException e) {
                // the stream is closed when the test ends
            }
        });
        try {
            new Platform(alice).createFlow(aliceSpace, "greeter");
            String bobsFlow = new Platform(bob).createFlow(bobSpace, "greeter");

            await().atMost(Duration.ofSeconds(30)).until(() -> lines.stream().anyMatch(line -> line.contains(bobsFlow)));
            List<String> data = lines.stream().filter(line -> line.startsWith("data:")).toList();
            assertThat(data).allSatisfy(line -> assertThat(line).contains(bobSpace).doesNotContain(aliceSpace));
        } finally {
            response.body().close();
            reader.interrupt();
        }
    }
}
