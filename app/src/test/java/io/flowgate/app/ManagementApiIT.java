package io.flowgate.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flowgate.app.testing.AmqpClient;
import io.flowgate.app.testing.ApiClient;
import io.flowgate.app.testing.Platform;
import io.flowgate.app.testing.RawHttp;
import io.flowgate.app.testing.TestNode;
import io.flowgate.core.Json;
import io.flowgate.core.port.Topology;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The workspace management API as a user meets it: members, credentials, recipes, flow lists, dead letters. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ManagementApiIT {

    private TestNode node;
    private Platform platform;
    private ApiClient api;

    @BeforeAll
    void start() {
        node = TestNode.embedded();
        platform = node.platform();
        api = node.api();
    }

    @AfterAll
    void stop() {
        node.close();
    }

    private static ObjectNode roles(String... roles) {
        ObjectNode document = Json.object();
        var array = document.putObject("data").putObject("attributes").putArray("roles");
        for (String role : roles) {
            array.add(role);
        }
        return document;
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class Members {

        private String workspace;
        private Platform.User ann;
        private Platform.User bob;

        @BeforeAll
        void workspace() {
            workspace = platform.createWorkspace("team");
            ann = platform.createUser("ann@example.com");
            bob = platform.createUser("bob@example.com");
        }

        @Test
        void ownersAddMembersChangeTheirRolesAndRemoveThem() {
            String members = "/v2/workspaces/" + workspace + "/members";
            ObjectNode add = roles("integrator");
            ((ObjectNode) add.path("data")).put("id", ann.id());

            ApiClient.Answer added = api.post(members, add);
            assertThat(added.status()).as(added.text()).isEqualTo(201);
            assertThat(added.json().at("/data/id").asText()).isEqualTo(ann.id());
            assertThat(added.json().at("/data/attributes/roles")).extracting(JsonNode::asText).containsExactly("integrator");
            assertThat(api.post(members, add).status()).as("a second add").isEqualTo(409);

            ApiClient.Answer changed = api.patch(members + "/" + ann.id(), roles("admin", "guest"));
            assertThat(changed.status()).as(changed.text()).isEqualTo(200);
            assertThat(changed.json().at("/data/attributes/roles")).extracting(JsonNode::asText).containsExactly("admin", "guest");

            ApiClient.Answer list = api.get(members);
            assertThat(list.json().at("/meta/total").asInt()).isEqualTo(2);
            assertThat(api.delete(members + "/" + ann.id()).status()).isEqualTo(204);
            assertThat(api.get(members).json().at("/meta/total").asInt()).isEqualTo(1);
            assertThat(api.delete(members + "/" + ann.id()).status()).isEqualTo(404);
        }

        @Test
        void theLastOwnerCanBeNeitherRemovedNorDemoted() {
            String space = platform.createWorkspace("owned");
            String admin = api.get("/v2/users/me").json().at("/data/id").asText();
            String members = "/v2/workspaces/" + space + "/members/" + admin;

            ApiClient.Answer demoted = api.patch(members, roles("admin"));
            ApiClient.Answer removed = api.delete(members);

            assertThat(demoted.status()).isEqualTo(409);
            assertThat(demoted.json().at("/errors/0/detail").asText()).contains("last owner");
            assertThat(removed.status()).isEqualTo(409);
            platform.addMember(space, bob.id(), "owner");
            assertThat(api.patch(members, roles("admin")).status()).as("another owner exists now").isEqualTo(200);
        }

        @Test
        void adminsManageMembersButOnlyOwnersGiveOrTakeTheOwnerRole() {
            String space = platform.createWorkspace("delegated");
            platform.addMember(space, ann.id(), "admin");
            ApiClient asAnn = api.as(ann.apiKey());
            ObjectNode addBob = roles("integrator");
            ((ObjectNode) addBob.path("data")).put("id", bob.id());

            assertThat(asAnn.post("/v2/workspaces/" + space + "/members", addBob).status()).isEqualTo(201);
            assertThat(asAnn.patch("/v2/workspaces/" + space + "/members/" + bob.id(), roles("owner")).status()).isEqualTo(403);
            assertThat(asAnn.patch("/v2/workspaces/" + space + "/members/" + bob.id(), roles("guest")).status()).isEqualTo(200);
        }

        @Test
        void badMemberRequestsAreClearClientErrors() {
            String members = "/v2/workspaces/" + workspace + "/members";
            ObjectNode unknownRole = roles("superuser");
            ((ObjectNode) unknownRole.path("data")).put("id", bob.id());
            ObjectNode noRoles = roles();
            ((ObjectNode) noRoles.path("data")).put("id", bob.id());
            ObjectNode unknownUser = roles("guest");
            ((ObjectNode) unknownUser.path("data")).put("id", "0190a3c4-0000-7000-8000-000000000000");

            assertThat(api.post(members, unknownRole).status()).isEqualTo(400);
            assertThat(api.post(members, noRoles).status()).isEqualTo(400);
            assertThat(api.post(members, roles("guest")).status()).as("no data.id").isEqualTo(400);
            assertThat(api.post(members, unknownUser).status()).isEqualTo(404);
        }
    }

    @Nested
    class ApiKeys {

        @Test
        void aRevokedKeyStopsWorkingAtOnceAndTheOthersGoOn() {
            ApiClient asCarl = api.as(platform.createUser("carl@example.com").apiKey());
            ApiClient.Answer created = asCarl.post("/v2/users/me/keys", Json.object());
            assertThat(created.status()).as(created.text()).isEqualTo(201);
            ApiClient asSecondKey = api.as(created.json().at("/data/attributes/api_key").asText());
            assertThat(asSecondKey.get("/v2/users/me").json().at("/data/attributes/email").asText()).isEqualTo("carl@example.com");

            assertThat(asCarl.delete("/v2/users/me/keys/" + created.json().at("/data/id").asText()).status()).isEqualTo(204);

            assertThat(asSecondKey.get("/v2/users/me").status()).as("used a moment ago, revoked now").isEqualTo(401);
            assertThat(asCarl.get("/v2/users/me").status()).isEqualTo(200);
            assertThat(api.as("not-a-key").get("/v2/users/me").status()).isEqualTo(401);
        }
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class Credentials {

        private String workspace;

        @BeforeAll
        void workspace() {
            workspace = platform.createWorkspace("secrets");
        }

        @Test
        void keysAreWriteOnlyAnswersListTheirNames() {
            String id = platform.createCredential(workspace, "crm", "basic",
                    Json.object().put("username", "ada").put("password", "pa55-word"));
            String path = "/v2/workspaces/" + workspace + "/credentials";

            ApiClient.Answer one = api.get(path + "/" + id);
            ApiClient.Answer list = api.get(path);

            assertThat(one.status()).isEqualTo(200);
            assertThat(one.json().at("/data/attributes/key_names")).extracting(JsonNode::asText).containsExactly("password", "username");
            assertThat(one.json().at("/data/attributes/type").asText()).isEqualTo("basic");
            assertThat(one.text()).doesNotContain("pa55-word").doesNotContain("\"keys\"");
            assertThat(list.text()).doesNotContain("pa55-word");
            assertThat(platform.events("workspace/" + workspace + "/activity").toString()).doesNotContain("pa55-word");
        }

        @Test
        void patchRenamesAndReplacesKeysWhichMustSuitTheType() {
            String id = platform.createCredential(workspace, "token", "bearer", Json.object().put("token", "t1"));
            String path = "/v2/workspaces/" + workspace + "/credentials/" + id;

            ApiClient.Answer renamed = api.patch(path, ApiClient.document(Json.object().put("name", "token 2"), null));
            ApiClient.Answer retyped = api.patch(path, ApiClient.document(Json.object().put("type", "basic"), null));
            ObjectNode newKeys = Json.object().put("type", "apiKey");
            newKeys.putObject("keys").put("value", "k").put("header", "x-key");
            ApiClient.Answer replaced = api.patch(path, ApiClient.document(newKeys, null));

            assertThat(renamed.status()).isEqualTo(200);
            assertThat(renamed.json().at("/data/attributes/name").asText()).isEqualTo("token 2");
            assertThat(retyped.status()).as("a bearer token is no basic credential").isEqualTo(422);
            assertThat(retyped.json().at("/errors/0/source/pointer").asText()).startsWith("/data/attributes/keys/");
            assertThat(replaced.status()).isEqualTo(200);
            assertThat(replaced.json().at("/data/attributes/key_names")).extracting(JsonNode::asText).containsExactly("header", "value");
        }

        @Test
        void badCredentialsAreRefusedWithTheProblem() {
            String path = "/v2/workspaces/" + workspace + "/credentials";
            ObjectNode missingKey = Json.object().put("name", "x").put("type", "hmac");
            missingKey.putObject("keys");
            ObjectNode badType = Json.object().put("name", "x").put("type", "kerberos");
            badType.putObject("keys");
            ObjectNode numberValue = Json.object().put("name", "x").put("type", "custom");
            numberValue.putObject("keys").put("n", 5);

            ApiClient.Answer missing = api.post(path, ApiClient.document(missingKey, null));
            assertThat(missing.status()).isEqualTo(422);
            assertThat(missing.json().at("/errors/0/source/pointer").asText()).isEqualTo("/data/attributes/keys/secret");
            assertThat(api.post(path, ApiClient.document(badType, null)).status()).isEqualTo(422);
            assertThat(api.post(path, ApiClient.document(numberValue, null)).status()).isEqualTo(422);
            assertThat(api.post(path, ApiClient.document(Json.object().put("type", "custom"), null)).status()).isEqualTo(400);
        }

        @Test
        void aFlowNodeMayOnlyUseACredentialOfItsOwnWorkspace() {
            String other = platform.createWorkspace("elsewhere");
            String foreign = platform.createCredential(other, "foreign", "bearer", Json.object().put("token", "x"));
            ObjectNode graph = (ObjectNode) Platform.fixture("greeter");
            ((ObjectNode) graph.path("nodes").get(1)).put("credentials_id", foreign);
            ObjectNode attributes = Json.object().put("name", "uses foreign");
            attributes.set("graph", graph);

            ApiClient.Answer answer = api.post("/v2/flows", ApiClient.document(attributes, workspace));

            assertThat(answer.status()).isEqualTo(422);
            assertThat(answer.json().at("/errors/0/source/pointer").asText()).isEqualTo("/data/attributes/graph/nodes/1/credentials_id");
        }

        @Test
        void aCredentialInUseCannotBeDeleted() {
            String id = platform.createCredential(workspace, "used", "bearer", Json.object().put("token", "x"));
            ObjectNode graph = (ObjectNode) Platform.fixture("greeter");
            ((ObjectNode) graph.path("nodes").get(1)).put("credentials_id", id);
            String flow = platform.createFlow(workspace, "user of a credential", graph);
            String path = "/v2/workspaces/" + workspace + "/credentials/" + id;

            ApiClient.Answer refused = api.delete(path);

            assertThat(refused.status()).isEqualTo(409);
            assertThat(refused.json().at("/errors/0/detail").asText()).contains("user of a credential");
            assertThat(api.delete("/v2/flows/" + flow).status()).isEqualTo(204);
            assertThat(api.delete(path).status()).isEqualTo(204);
            assertThat(api.get(path).status()).isEqualTo(404);
        }

        @Test
        void webhookTriggersTakeTheirSecretFromTheCredential() {
            String key = platform.createCredential(workspace, "hook key", "apiKey", Json.object().put("value", "s3cret"));
            ObjectNode fields = Json.object();
            fields.putObject("auth").put("type", "apiKey").put("header", "x-hook-key");
            ObjectNode graph = (ObjectNode) Platform.webhookEcho(fields);
            ((ObjectNode) graph.path("nodes").get(0)).put("credentials_id", key);
            String flow = platform.startFlow(workspace, "guarded", graph);
            byte[] body = Json.bytes(Json.object().put("a", 1));

            ApiClient.Answer without = api.raw("POST", "/hook/" + flow, Map.of("content-type", "application/json"), body);
            ApiClient.Answer wrong = api.raw("POST", "/hook/" + flow,
                    Map.of("content-type", "application/json", "x-hook-key", "nope"), body);
            ApiClient.Answer right = api.raw("POST", "/hook/" + flow,
                    Map.of("content-type", "application/json", "x-hook-key", "s3cret"), body);

            assertThat(without.status()).isEqualTo(401);
            assertThat(wrong.status()).isEqualTo(401);
            assertThat(right.status()).as(right.text()).isEqualTo(200);
            assertThat(right.json().at("/body/a").asInt()).isEqualTo(1);
        }

        @Test
        void theHttpComponentAuthenticatesWithTheCredential() throws Exception {
            String token = platform.createCredential(workspace, "api token", "bearer", Json.object().put("token", "tok-123"));
            try (RecordingServer server = RecordingServer.start()) {
                ObjectNode graph = (ObjectNode) Json.parse("""
                        {"nodes":[{"id":"in","component_id":"webhook","function":"receive"},
                                  {"id":"call","component_id":"http","function":"request","fields":{"url":"%s"}}],
                         "edges":[{"source":"in","target":"call"}]}""".formatted(server.url()));
                ((ObjectNode) graph.path("nodes").get(1)).put("credentials_id", token);
                String flow = platform.startFlow(workspace, "caller", graph);

                String execution = api.webhook(flow, Json.object()).json().path("executionId").asText();

                List<JsonNode> lifecycle = platform.awaitEnd(flow, execution);
                assertThat(lifecycle.getLast().at("/payload/status").asText()).isEqualTo("completed");
                assertThat(server.authorizations()).containsExactly("Bearer tok-123");
            }
        }

        @Test
        void theSecretKeyIsKeptInTheDataDirectoryForItsOwnerOnly() throws Exception {
            Path key = Path.of(node.environment().get("FLOWGATE_DATA_DIR"), "secret.key");

            assertThat(Files.getPosixFilePermissions(key)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
            assertThat(java.util.Base64.getDecoder().decode(Files.readString(key).strip())).hasSize(32);
        }
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class Recipes {

        private String workspace;

        @BeforeAll
        void workspace() {
            workspace = platform.createWorkspace("cookbook");
        }

        private String createGreeterRecipe() {
            ObjectNode attributes = (ObjectNode) Json.parse("""
                    {"name":"greeter","description":"greets by name",
                     "graph":{"nodes":[{"id":"in","component_id":"webhook","function":"receive","fields":{"rateLimitPerMinute":"{{limit}}"}},
                                       {"id":"greet","component_id":"jsonata","function":"transform",
                                        "fields":{"expression":"{\\"greeting\\": \\"{{salutation}} \\" & name}"}}],
                              "edges":[{"source":"in","target":"greet"}]},
                     "parameters":{"salutation":{"type":"string","default":"Hello","description":"the first word"},
                                   "limit":{"type":"integer"}}}""");
            ApiClient.Answer created = api.post("/v2/workspaces/" + workspace + "/recipes", ApiClient.document(attributes, null));
            assertThat(created.status()).as(created.text()).isEqualTo(201);
            return created.json().at("/data/id").asText();
        }

        @Test
        void instantiateFillsThePlaceholdersAndCreatesAnInactiveFlow() {
            String recipe = createGreeterRecipe();
            ObjectNode request = Json.object().put("name", "hi there");
            request.putObject("values").put("salutation", "Hi").put("limit", 60);

            ApiClient.Answer created = api.post("/v2/workspaces/" + workspace + "/recipes/" + recipe + "/instantiate",
                    ApiClient.document(request, null));

            assertThat(created.status()).as(created.text()).isEqualTo(201);
            JsonNode flow = created.json().path("data");
            assertThat(flow.at("/attributes/status").asText()).isEqualTo("inactive");
            assertThat(flow.at("/attributes/name").asText()).isEqualTo("hi there");
            assertThat(flow.at("/attributes/graph/nodes/0/fields/rateLimitPerMinute").asInt()).isEqualTo(60);
            assertThat(flow.at("/attributes/graph/nodes/1/fields/expression").asText()).isEqualTo("{\"greeting\": \"Hi \" & name}");
            assertThat(flow.at("/relationships/workspace/data/id").asText()).isEqualTo(workspace);
        }

        @Test
        void valuesMustMatchTheParametersAndTheResultMustBeAValidFlow() {
            String recipe = createGreeterRecipe();
            String instantiate = "/v2/workspaces/" + workspace + "/recipes/" + recipe + "/instantiate";
            ObjectNode missing = Json.object();
            missing.putObject("values");
            ObjectNode wrongType = Json.object();
            wrongType.putObject("values").put("limit", "many");
            ObjectNode invalidFlow = Json.object();
            invalidFlow.putObject("values").put("limit", 0);

            ApiClient.Answer noLimit = api.post(instantiate, ApiClient.document(missing, null));
            ApiClient.Answer notANumber = api.post(instantiate, ApiClient.document(wrongType, null));
            ApiClient.Answer belowMinimum = api.post(instantiate, ApiClient.document(invalidFlow, null));

            assertThat(noLimit.status()).isEqualTo(422);
            assertThat(notANumber.status()).isEqualTo(422);
            assertThat(belowMinimum.status()).isEqualTo(422);
            assertThat(belowMinimum.json().at("/errors/0/source/pointer").asText()).startsWith("/data/attributes/graph/nodes/0");
        }

        @Test
        void placeholdersMustNameParametersAndRecipesCanBeChangedAndDeleted() {
            ObjectNode undeclared = (ObjectNode) Json.parse("""
                    {"name":"r","graph":{"nodes":[{"id":"in","component_id":"webhook","function":"receive",
                     "fields":{"x":"{{nope}}"}}]}}""");
            String recipes = "/v2/workspaces/" + workspace + "/recipes";
            ApiClient.Answer refused = api.post(recipes, ApiClient.document(undeclared, null));
            assertThat(refused.status()).isEqualTo(422);
            assertThat(refused.json().at("/errors/0/source/pointer").asText()).isEqualTo("/data/attributes/graph/nodes/0/fields/x");

            String recipe = createGreeterRecipe();
            ApiClient.Answer renamed = api.patch(recipes + "/" + recipe,
                    ApiClient.document(Json.object().put("description", "says hello"), null));
            assertThat(renamed.status()).isEqualTo(200);
            assertThat(renamed.json().at("/data/attributes/description").asText()).isEqualTo("says hello");
            assertThat(renamed.json().at("/data/attributes/parameters/limit/type").asText()).isEqualTo("integer");
            assertThat(api.delete(recipes + "/" + recipe).status()).isEqualTo(204);
            assertThat(api.get(recipes + "/" + recipe).status()).isEqualTo(404);
        }
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class FlowLists {

        private String workspace;

        @BeforeAll
        void flows() {
            workspace = platform.createWorkspace("many flows");
            for (String name : List.of("charlie", "alpha", "echo", "bravo", "delta")) {
                platform.createFlow(workspace, name, Platform.fixture("greeter"));
            }
        }

        private List<String> names(String query) {
            ApiClient.Answer answer = api.get("/v2/flows?workspace_id=" + workspace + query);
            assertThat(answer.status()).as(answer.text()).isEqualTo(200);
            return answer.json().path("data").findValues("name").stream().map(JsonNode::asText).toList();
        }

        @Test
        void sortByNameAndTime() {
            assertThat(names("&sort=name")).containsExactly("alpha", "bravo", "charlie", "delta", "echo");
            assertThat(names("&sort=-name")).containsExactly("echo", "delta", "charlie", "bravo", "alpha");
            List<String> oldestFirst = names("&sort=created_at");
            assertThat(oldestFirst).containsExactlyInAnyOrder("alpha", "bravo", "charlie", "delta", "echo");
            assertThat(names("&sort=-created_at")).containsExactlyElementsOf(oldestFirst.reversed());
            assertThat(createdTimes("&sort=created_at")).isSorted();
            assertThat(api.get("/v2/flows?workspace_id=" + workspace + "&sort=size").status()).isEqualTo(400);
        }

        private List<String> createdTimes(String query) {
            return api.get("/v2/flows?workspace_id=" + workspace + query).json().path("data").findValues("created_at")
                    .stream().map(JsonNode::asText).toList();
        }

        @Test
        void pagesLinkToTheNextPageUntilTheLast() {
            ApiClient.Answer first = api.get("/v2/flows?workspace_id=" + workspace + "&sort=name&page%5Bsize%5D=2");
            JsonNode document = first.json();
            assertThat(document.at("/meta/total").asInt()).isEqualTo(5);
            assertThat(document.path("data").findValues("name")).extracting(JsonNode::asText).containsExactly("alpha", "bravo");

            List<String> seen = new java.util.ArrayList<>();
            String next = first.json().at("/links/next").asText();
            while (!next.isEmpty()) {
                ApiClient.Answer page = api.get(next);
                assertThat(page.status()).as(next).isEqualTo(200);
                page.json().path("data").findValues("name").forEach(name -> seen.add(name.asText()));
                next = page.json().path("links").path("next").asText("");
            }
            assertThat(seen).containsExactly("charlie", "delta", "echo");
        }

        @Test
        void pageParametersMayBeSentWithUnencodedBrackets() {
            String request = "GET /v2/flows?workspace_id=" + workspace + "&page[size]=2&page[number]=2 HTTP/1.1\r\n"
                    + "Host: 127.0.0.1\r\nAuthorization: Bearer " + node.environment().get("FLOWGATE_ADMIN_TOKEN")
                    + "\r\nConnection: close\r\n\r\n";
            assertThat(RawHttp.exchange(node.port(), request.getBytes(StandardCharsets.ISO_8859_1), Duration.ofSeconds(10)))
                    .as("what curl -g and most clients send for JSON:API paging").isEqualTo(200);
        }

        @Test
        void filterByNameAndStatus() {
            assertThat(names("&name=LT")).containsExactly("delta");
            assertThat(names("&status=active")).isEmpty();
            assertThat(names("&status=inactive")).hasSize(5);
            assertThat(api.get("/v2/flows?workspace_id=" + workspace + "&status=sleeping").status()).isEqualTo(400);
        }

        @Test
        void withoutAWorkspaceTheCallersWorkspacesAreListed() {
            Platform.User carol = platform.createUser("carol@example.com");
            platform.addMember(workspace, carol.id(), "guest");

            ApiClient.Answer answer = api.as(carol.apiKey()).get("/v2/flows");

            assertThat(answer.json().at("/meta/total").asInt()).isEqualTo(5);
        }
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class DeadLetters {

        @Test
        void aStepMessageForAFlowVersionNotYetThereIsDeadLetteredAndRetriedOnceItExists() throws Exception {
            String workspace = platform.createWorkspace("letters");
            String flow = platform.startFlow(workspace, "greeter");
            ObjectNode message = BrokerClient.stepMessage(flow, workspace, 2, Json.object().put("name", "Eve"));
            try (BrokerClient broker = BrokerClient.connect(node)) {
                broker.publishStep(flow, message);
            }
            String letters = "/v2/workspaces/" + workspace + "/dead-letters";
            await().atMost(Duration.ofSeconds(30)).until(() -> api.get(letters).json().at("/meta/total").asInt() == 1);
            JsonNode letter = api.get(letters).json().at("/data/0");
            assertThat(letter.at("/attributes/source").asText()).isEqualTo("flow-queue");
            assertThat(letter.at("/attributes/reason").asText()).contains("version 2");
            assertThat(letter.at("/attributes/payload/flowId").asText()).isEqualTo(flow);
            String retry = letters + "/" + letter.path("id").asText() + "/retry";

            assertThat(api.post(retry, Json.object()).status()).as("version 2 does not exist yet").isEqualTo(409);
            ApiClient.Answer changed = api.patch("/v2/flows/" + flow, ApiClient.document(Json.object().put("name", "greeter 2"), null));
            assertThat(changed.json().at("/data/attributes/version").asInt()).isEqualTo(2);
            ApiClient.Answer retried = api.post(retry, Json.object());

            assertThat(retried.status()).as(retried.text()).isEqualTo(202);
            assertThat(api.get(letters).json().at("/meta/total").asInt()).isZero();
            platform.awaitEnd(flow, message.path("executionId").asText());
            assertThat(api.post(retry, Json.object()).status()).as("gone after its retry").isEqualTo(404);
        }
    }

    @Test
    void deletingAWorkspaceRemovesItsFlowsQueuesFromTheBroker() {
        String workspace = platform.createWorkspace("short-lived");
        String active = platform.startFlow(workspace, "greeter");
        String inactive = platform.createFlow(workspace, "echo");
        api.post("/v2/flows/" + inactive + "/start", Json.object());
        api.post("/v2/flows/" + inactive + "/stop", Json.object());
        try (AmqpClient broker = new AmqpClient(node.amqpUri())) {
            assertThat(broker.queueExists(Topology.flowQueue(UUID.fromString(active)))).isTrue();

            assertThat(api.delete("/v2/workspaces/" + workspace).status()).isEqualTo(204);

            assertThat(broker.queueExists(Topology.flowQueue(UUID.fromString(active)))).isFalse();
            assertThat(broker.queueExists(Topology.flowQueue(UUID.fromString(inactive)))).isFalse();
            assertThat(api.post("/hook/" + active, Json.object()).status()).isEqualTo(404);
        }
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class ActivityEvents {

        @Test
        void everyChangeHasItsActivityEventWithTheResourceAndTheActingUser() {
            String workspace = platform.createWorkspace("busy");
            Platform.User dan = platform.createUser("dan@example.com");
            platform.addMember(workspace, dan.id(), "integrator");
            ApiClient asDan = api.as(dan.apiKey());
            String ws = "/v2/workspaces/" + workspace;
            String members = ws + "/members/";
            api.patch(members + dan.id(), roles("admin"));
            String credential = new Platform(asDan).createCredential(workspace, "c", "bearer", Json.object().put("token", "t"));
            asDan.patch(ws + "/credentials/" + credential, ApiClient.document(Json.object().put("name", "c2"), null));
            asDan.delete(ws + "/credentials/" + credential);
            ObjectNode recipeAttributes = Json.object().put("name", "r");
            recipeAttributes.set("graph", Platform.fixture("greeter"));
            String recipe = asDan.post(ws + "/recipes", ApiClient.document(recipeAttributes, null)).json().at("/data/id").asText();
            asDan.patch(ws + "/recipes/" + recipe, ApiClient.document(Json.object().put("name", "r2"), null));
            String flow = asDan.post(ws + "/recipes/" + recipe + "/instantiate", ApiClient.document(Json.object(), null))
                    .json().at("/data/id").asText();
            asDan.post("/v2/flows/" + flow + "/start", Json.object());
            asDan.post("/v2/flows/" + flow + "/stop", Json.object());
            asDan.patch("/v2/flows/" + flow, ApiClient.document(Json.object().put("name", "f2"), null));
            asDan.delete("/v2/flows/" + flow);
            asDan.delete(ws + "/recipes/" + recipe);
            api.delete(members + dan.id());
            String admin = api.get("/v2/users/me").json().at("/data/id").asText();

            List<JsonNode> events = platform.awaitEvents("workspace/" + workspace + "/activity", e -> e.size() == 14);

            List<String> seen = events.stream().map(e -> e.path("payload"))
                    .map(p -> p.path("resourceType").asText() + " " + p.path("activityType").asText() + " " + p.path("resourceId").asText()
                            + " by " + (p.path("userId").asText().equals(admin) ? "admin" : p.path("userId").asText().equals(dan.id()) ? "dan" : "?"))
                    .toList();
            assertThat(seen).containsExactly(
                    "member created " + dan.id() + " by admin",
                    "member updated " + dan.id() + " by admin",
                    "credential created " + credential + " by dan",
                    "credential updated " + credential + " by dan",
                    "credential deleted " + credential + " by dan",
                    "recipe created " + recipe + " by dan",
                    "recipe updated " + recipe + " by dan",
                    "flow created " + flow + " by dan",
                    "flow started " + flow + " by dan",
                    "flow stopped " + flow + " by dan",
                    "flow updated " + flow + " by dan",
                    "flow deleted " + flow + " by dan",
                    "recipe deleted " + recipe + " by dan",
                    "member deleted " + dan.id() + " by admin");
            assertThat(events).allSatisfy(e -> {
                assertThat(e.path("name").asText()).isEqualTo("WorkspaceActivityEvent");
                assertThat(e.at("/payload/workspaceId").asText()).isEqualTo(workspace);
                assertThat(e.at("/payload/eventId").asText()).hasSize(36);
            });
        }

        @Test
        void aRefusedChangeHasNoEvent() {
            String workspace = platform.createWorkspace("quiet");
            String admin = api.get("/v2/users/me").json().at("/data/id").asText();
            ObjectNode bad = Json.object().put("name", "x").put("type", "basic");
            bad.putObject("keys");

            assertThat(api.post("/v2/workspaces/" + workspace + "/credentials", ApiClient.document(bad, null)).status()).isEqualTo(422);
            assertThat(api.delete("/v2/workspaces/" + workspace + "/members/" + admin).status()).isEqualTo(409);
            platform.createCredential(workspace, "ok", "bearer", Json.object().put("token", "t"));

            List<JsonNode> events = platform.awaitEvents("workspace/" + workspace + "/activity", e -> !e.isEmpty());
            assertThat(events).hasSize(1);
            assertThat(events.getFirst().at("/payload/resourceType").asText()).isEqualTo("credential");
        }
    }
}
