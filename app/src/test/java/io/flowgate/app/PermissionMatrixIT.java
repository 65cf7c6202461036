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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every /v2 endpoint of a workspace's resources, called by an owner, an admin, an integrator, a guest and
 * a user outside the workspace: who may is answered as usual, a role that may not gets 403, and the
 * outsider gets 404 (or, for lists across workspaces, nothing of the workspace).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PermissionMatrixIT {

    /** Who may call an endpoint. */
    enum Level {
        ANYONE, READ, WRITE, MANAGE, OWNER, PLATFORM_ADMIN, SCOPED_LIST
    }

    private static final List<String> ROLES = List.of("owner", "admin", "integrator", "guest", "outsider");

    /** One endpoint: its method, a path (made fresh per call when the call uses something up), a body, the success status. */
    record Endpoint(String name, String method, Supplier<String> path, Supplier<JsonNode> body, Level level, int success) {
        @Override
        public String toString() {
            return name;
        }
    }

    private Path componentPath;
    private TestNode node;
    private Platform platform;
    private ApiClient admin;
    private final Map<String, Platform.User> users = new LinkedHashMap<>();
    private String workspace;
    private String flow;
    private String execution;
    private String credential;
    private String recipe;

    @BeforeAll
    void start() {
        componentPath = TempDirs.create("components");
        ComponentJar.build(componentPath, "acme.jar");
        node = TestNode.embedded(Map.of("FLOWGATE_COMPONENT_PATH", componentPath.toString()));
        platform = node.platform();
        admin = node.api();
        ROLES.forEach(role -> users.put(role, platform.createUser(role + "@example.com")));
        workspace = newWorkspace();
        flow = platform.startFlow(workspace, "greeter");
        execution = admin.post("/v2/flows/" + flow + "/run-now", Json.object().put("name", "Al")).json().path("executionId").asText();
        platform.awaitEnd(flow, execution);
        credential = platform.createCredential(workspace, "c", "bearer", Json.object().put("token", "t"));
        recipe = newRecipe();
    }

    @AfterAll
    void stop() {
        node.close();
        TempDirs.delete(componentPath);
    }

    /** A workspace where each role's user has that role (the outsider has none). */
    private String newWorkspace() {
        String id = platform.createWorkspace("matrix");
        ROLES.stream().filter(role -> !role.equals("outsider")).forEach(role -> platform.addMember(id, users.get(role).id(), role));
        return id;
    }

    private String newRecipe() {
        ObjectNode attributes = Json.object().put("name", "r");
        attributes.set("graph", Platform.fixture("greeter"));
        return admin.post(ws("/recipes"), ApiClient.document(attributes, null)).json().at("/data/id").asText();
    }

    private String newMember(String... roles) {
        Platform.User user = platform.createUser("member-" + java.util.UUID.randomUUID() + "@example.com");
        platform.addMember(workspace, user.id(), roles);
        return user.id();
    }

    private String acme() {
        JsonNode listed = admin.get(ws("/components")).json().path("data");
        if (!listed.isEmpty()) {
            return listed.get(0).path("id").asText();
        }
        return admin.post(ws("/components"), componentBody()).json().at("/data/id").asText();
    }

    private void noAcme() {
        admin.get(ws("/components")).json().path("data").forEach(c -> admin.delete(ws("/components/" + c.path("id").asText())));
    }

    private static JsonNode componentBody() {
        return ApiClient.document(Json.object().put("component_id", "acme").put("jar", "acme.jar"), null);
    }

    private String ws(String rest) {
        return "/v2/workspaces/" + workspace + rest;
    }

    private static JsonNode roles(String role) {
        ObjectNode document = Json.object();
        document.putObject("data").putObject("attributes").putArray("roles").add(role);
        return document;
    }

    Stream<Endpoint> endpoints() {
        Supplier<JsonNode> none = Json::object;
        Supplier<JsonNode> flowBody = () -> {
            ObjectNode attributes = Json.object().put("name", "new flow");
            attributes.set("graph", Platform.fixture("greeter"));
            return ApiClient.document(attributes, workspace);
        };
        Supplier<JsonNode> rename = () -> ApiClient.document(Json.object().put("name", "renamed"), null);
        return Stream.of(
                new Endpoint("GET /v2/users/me", "GET", () -> "/v2/users/me", none, Level.ANYONE, 200),
                new Endpoint("POST /v2/users", "POST", () -> "/v2/users",
                        () -> ApiClient.document(Json.object().put("email", java.util.UUID.randomUUID() + "@example.com"), null),
                        Level.PLATFORM_ADMIN, 201),
                new Endpoint("GET /v2/components", "GET", () -> "/v2/components", none, Level.ANYONE, 200),
                new Endpoint("GET workspace", "GET", () -> ws(""), none, Level.READ, 200),
                new Endpoint("PATCH workspace", "PATCH", () -> ws(""), rename, Level.MANAGE, 200),
                new Endpoint("DELETE workspace", "DELETE", () -> "/v2/workspaces/" + newWorkspace(), none, Level.OWNER, 204),
                new Endpoint("GET members", "GET", () -> ws("/members"), none, Level.READ, 200),
                new Endpoint("POST members", "POST", () -> ws("/members"), () -> {
                    ObjectNode body = (ObjectNode) roles("guest");
                    ((ObjectNode) body.path("data")).put("id", platform.createUser(java.util.UUID.randomUUID() + "@example.com").id());
                    return body;
                }, Level.MANAGE, 201),
                new Endpoint("PATCH member", "PATCH", () -> ws("/members/" + newMember("guest")), () -> roles("integrator"), Level.MANAGE, 200),
                new Endpoint("DELETE member", "DELETE", () -> ws("/members/" + newMember("guest")), none, Level.MANAGE, 204),
                new Endpoint("POST /v2/flows", "POST", () -> "/v2/flows", flowBody, Level.WRITE, 201),
                new Endpoint("GET /v2/flows?workspace_id", "GET", () -> "/v2/flows?workspace_id=" + workspace, none, Level.READ, 200),
                new Endpoint("GET /v2/flows", "GET", () -> "/v2/flows", none, Level.SCOPED_LIST, 200),
                new Endpoint("GET flow", "GET", () -> "/v2/flows/" + flow, none, Level.READ, 200),
                new Endpoint("PATCH flow", "PATCH", () -> "/v2/flows/" + flow, rename, Level.WRITE, 200),
                new Endpoint("DELETE flow", "DELETE", () -> "/v2/flows/" + platform.createFlow(workspace, "greeter"), none, Level.WRITE, 204),
                new Endpoint("POST flow start", "POST", () -> "/v2/flows/" + platform.createFlow(workspace, "greeter") + "/start", none, Level.WRITE, 200),
                new Endpoint("POST flow stop", "POST", () -> "/v2/flows/" + platform.startFlow(workspace, "greeter") + "/stop", none, Level.WRITE, 200),
                new Endpoint("POST flow run-now", "POST", () -> "/v2/flows/" + flow + "/run-now", none, Level.WRITE, 202),
                new Endpoint("GET flow versions", "GET", () -> "/v2/flows/" + flow + "/versions", none, Level.READ, 200),
                new Endpoint("GET flow version 1", "GET", () -> "/v2/flows/" + flow + "/versions/1", none, Level.READ, 200),
                new Endpoint("GET /v2/executions", "GET", () -> "/v2/executions?flow_id=" + flow, none, Level.SCOPED_LIST, 200),
                new Endpoint("GET execution", "GET", () -> "/v2/executions/" + execution, none, Level.READ, 200),
                new Endpoint("POST execution retry (not failed)", "POST", () -> "/v2/executions/" + execution + "/retry", none, Level.WRITE, 409),
                new Endpoint("GET /v2/events", "GET", () -> "/v2/events?channel=workspace/" + workspace + "/activity", none,
                        Level.SCOPED_LIST, 200),
                new Endpoint("POST credentials", "POST", () -> ws("/credentials"), () -> {
                    ObjectNode attributes = Json.object().put("name", "c").put("type", "custom");
                    attributes.putObject("keys").put("k", "v");
                    return ApiClient.document(attributes, null);
                }, Level.WRITE, 201),
                new Endpoint("GET credentials", "GET", () -> ws("/credentials"), none, Level.READ, 200),
                new Endpoint("GET credential", "GET", () -> ws("/credentials/" + credential), none, Level.READ, 200),
                new Endpoint("PATCH credential", "PATCH", () -> ws("/credentials/" + credential), rename, Level.WRITE, 200),
                new Endpoint("DELETE credential", "DELETE",
                        () -> ws("/credentials/" + platform.createCredential(workspace, "d", "bearer", Json.object().put("token", "t"))),
                        none, Level.WRITE, 204),
                new Endpoint("POST components", "POST", () -> {
                    noAcme();
                    return ws("/components");
                }, PermissionMatrixIT::componentBody, Level.WRITE, 201),
                new Endpoint("GET components", "GET", () -> ws("/components"), none, Level.READ, 200),
                new Endpoint("GET component", "GET", () -> ws("/components/" + acme()), none, Level.READ, 200),
                new Endpoint("DELETE component", "DELETE", () -> ws("/components/" + acme()), none, Level.WRITE, 204),
                new Endpoint("POST recipes", "POST", () -> ws("/recipes"), () -> {
                    ObjectNode attributes = Json.object().put("name", "r");
                    attributes.set("graph", Platform.fixture("greeter"));
                    return ApiClient.document(attributes, null);
                }, Level.WRITE, 201),
                new Endpoint("GET recipes", "GET", () -> ws("/recipes"), none, Level.READ, 200),
                new Endpoint("GET recipe", "GET", () -> ws("/recipes/" + recipe), none, Level.READ, 200),
                new Endpoint("PATCH recipe", "PATCH", () -> ws("/recipes/" + recipe), rename, Level.WRITE, 200),
                new Endpoint("DELETE recipe", "DELETE", () -> ws("/recipes/" + newRecipe()), none, Level.WRITE, 204),
                new Endpoint("POST recipe instantiate", "POST", () -> ws("/recipes/" + recipe + "/instantiate"), none, Level.WRITE, 201),
                new Endpoint("GET dead-letters", "GET", () -> ws("/dead-letters"), none, Level.READ, 200),
                new Endpoint("POST dead-letter retry (unknown letter)", "POST",
                        () -> ws("/dead-letters/" + java.util.UUID.randomUUID() + "/retry"), none, Level.WRITE, 404));
    }

    Stream<Arguments> cases() {
        List<Arguments> cases = new ArrayList<>();
        endpoints().forEach(endpoint -> ROLES.forEach(role -> cases.add(Arguments.of(endpoint, role))));
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} as {1}")
    @MethodSource("cases")
    void eachRoleGetsWhatItMayDo(Endpoint endpoint, String role) {
        ApiClient caller = admin.as(users.get(role).apiKey());
        String path = endpoint.path().get();

        ApiClient.Answer answer = switch (endpoint.method()) {
            case "GET" -> caller.get(path);
            case "POST" -> caller.post(path, endpoint.body().get());
            case "PATCH" -> caller.patch(path, endpoint.body().get());
            case "DELETE" -> caller.delete(path);
            default -> throw new IllegalArgumentException(endpoint.method());
        };

        assertThat(answer.status()).as(endpoint + " as " + role + ": " + answer.text()).isEqualTo(expected(endpoint, role));
        if (endpoint.level() == Level.SCOPED_LIST && role.equals("outsider")) {
            assertThat(answer.json().path("data")).as("nothing of another workspace").isEmpty();
        }
    }

    private static int expected(Endpoint endpoint, String role) {
        boolean member = !role.equals("outsider");
        boolean allowed = switch (endpoint.level()) {
            case ANYONE, SCOPED_LIST -> true;
            case PLATFORM_ADMIN -> false;
            case READ -> member;
            case WRITE -> List.of("owner", "admin", "integrator").contains(role);
            case MANAGE -> List.of("owner", "admin").contains(role);
            case OWNER -> role.equals("owner");
        };
        if (allowed) {
            return endpoint.success();
        }
        return member || endpoint.level() == Level.PLATFORM_ADMIN ? 403 : 404;
    }
}
