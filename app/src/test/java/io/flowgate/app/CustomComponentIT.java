package io.flowgate.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flowgate.app.testing.ApiClient;
import io.flowgate.app.testing.Platform;
import io.flowgate.app.testing.TestNode;
import io.flowgate.core.Json;
import io.flowgate.testing.TempDirs;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** A workspace registers a component jar from the component path and runs a flow with it; other workspaces cannot. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CustomComponentIT {

    private static final JsonNode SHOUTING_FLOW = Json.parse("""
            {"nodes":[{"id":"in","component_id":"webhook","function":"receive"},
                      {"id":"shout","component_id":"acme","function":"shout","fields":{"suffix":"!!"}},
                      {"id":"answer","component_id":"reply","function":"reply","fields":{"body":"$"}}],
             "edges":[{"source":"in","target":"shout"},{"source":"shout","target":"answer"}]}""");

    private Path componentPath;
    private TestNode node;
    private Platform platform;
    private ApiClient api;
    private String workspace;

    @BeforeAll
    void start() {
        componentPath = TempDirs.create("components");
        ComponentJar.build(componentPath, "acme-1.0.jar");
        node = TestNode.embedded(Map.of("FLOWGATE_COMPONENT_PATH", componentPath.toString()));
        platform = node.platform();
        api = node.api();
        workspace = platform.createWorkspace("acme users");
        ApiClient.Answer registered = register(workspace, "acme", "acme-1.0.jar");
        assertThat(registered.status()).as(registered.text()).isEqualTo(201);
    }

    @AfterAll
    void stop() {
        node.close();
        TempDirs.delete(componentPath);
    }

    private ApiClient.Answer register(String workspaceId, String componentId, String jar) {
        ObjectNode attributes = Json.object().put("component_id", componentId).put("jar", jar).put("description", "shouting");
        return api.post("/v2/workspaces/" + workspaceId + "/components", ApiClient.document(attributes, null));
    }

    @Test
    void aFlowOfTheWorkspaceRunsTheComponent() {
        String flow = platform.startFlow(workspace, "shouter", SHOUTING_FLOW);

        ApiClient.Answer answer = api.webhook(flow, Json.object().put("text", "hello"));

        assertThat(answer.status()).as(answer.text()).isEqualTo(200);
        assertThat(answer.json().path("shout").asText()).isEqualTo("HELLO!!");
    }

    @Test
    void theComponentIsListedWithItsFunctionsForTheWorkspaceOnly() {
        JsonNode listed = api.get("/v2/workspaces/" + workspace + "/components").json().path("data");
        assertThat(listed).hasSize(1);
        JsonNode component = listed.get(0);
        assertThat(component.at("/attributes/name").asText()).isEqualTo("acme");
        assertThat(component.at("/attributes/built_in").asBoolean()).isFalse();
        assertThat(component.at("/attributes/jar").asText()).isEqualTo("acme-1.0.jar");
        assertThat(component.at("/attributes/functions/0/name").asText()).isEqualTo("shout");
        assertThat(component.at("/attributes/functions/0/fields_schema/properties/suffix/type").asText()).isEqualTo("string");

        List<String> all = api.get("/v2/components").json().path("data").findValues("name").stream().map(JsonNode::asText).toList();
        assertThat(all).contains("webhook", "jsonata", "http", "acme");
        Platform.User stranger = platform.createUser("stranger@example.com");
        List<String> theirs = api.as(stranger.apiKey()).get("/v2/components").json().path("data").findValues("name")
                .stream().map(JsonNode::asText).toList();
        assertThat(theirs).contains("webhook").doesNotContain("acme");
    }

    @Test
    void anotherWorkspaceCannotUseIt() {
        String other = platform.createWorkspace("no acme here");
        ObjectNode attributes = Json.object().put("name", "shouter");
        attributes.set("graph", SHOUTING_FLOW);

        ApiClient.Answer refused = api.post("/v2/flows", ApiClient.document(attributes, other));

        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.json().at("/errors/0/source/pointer").asText()).isEqualTo("/data/attributes/graph/nodes/1/component_id");
    }

    @Test
    void badRegistrationsAreRefusedWithTheReason() {
        String other = platform.createWorkspace("registrations");

        ApiClient.Answer missingJar = register(other, "acme", "nope.jar");
        ApiClient.Answer outside = register(other, "acme", "../acme-1.0.jar");
        ApiClient.Answer wrongComponent = register(other, "zeta", "acme-1.0.jar");
        ApiClient.Answer builtIn = register(other, "http", "acme-1.0.jar");
        ApiClient.Answer twice = register(workspace, "acme", "acme-1.0.jar");

        assertThat(missingJar.status()).isEqualTo(422);
        assertThat(missingJar.json().at("/errors/0/source/pointer").asText()).isEqualTo("/data/attributes/jar");
        assertThat(outside.status()).isEqualTo(422);
        assertThat(wrongComponent.status()).isEqualTo(422);
        assertThat(wrongComponent.json().at("/errors/0/detail").asText()).contains("no functions of component 'zeta'");
        assertThat(builtIn.status()).isEqualTo(409);
        assertThat(twice.status()).isEqualTo(409);
    }

    @Test
    void aComponentInUseCannotBeDeletedAndItsChangesAreActivityEvents() {
        String other = platform.createWorkspace("short lived");
        String id = register(other, "acme", "acme-1.0.jar").json().at("/data/id").asText();
        String flow = platform.createFlow(other, "uses acme", SHOUTING_FLOW);
        String path = "/v2/workspaces/" + other + "/components/" + id;

        assertThat(api.delete(path).status()).isEqualTo(409);
        assertThat(api.delete("/v2/flows/" + flow).status()).isEqualTo(204);
        assertThat(api.delete(path).status()).isEqualTo(204);
        assertThat(api.get(path).status()).isEqualTo(404);

        List<JsonNode> components = platform.awaitEvents("workspace/" + other + "/activity", events -> events.size() == 4)
                .stream().map(e -> e.path("payload")).filter(p -> p.path("resourceType").asText().equals("component")).toList();
        assertThat(components).extracting(p -> p.path("activityType").asText()).containsExactly("created", "deleted");
        assertThat(components).allSatisfy(p -> assertThat(p.path("resourceId").asText()).isEqualTo(id));
    }
}
