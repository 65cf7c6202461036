package io.flowgate.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flowgate.app.testing.ApiClient;
import io.flowgate.app.testing.EventSchemas;
import io.flowgate.app.testing.Platform;
import io.flowgate.app.testing.TestNode;
import io.flowgate.core.Json;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The subscriptions API on a node with the default SSRF guard: what it accepts, what it refuses (and with
 * which 4xx), and that the secret is shown only when it is new.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SubscriptionApiIT {

    /** A public address (TEST-NET-3): accepted, and never sent to, as these subscriptions get no events. */
    private static final String PUBLIC_URL = "https://203.0.113.10/hooks/flowgate";

    private TestNode node;
    private Platform platform;
    private ApiClient api;
    private String workspace;
    private String base;

    @BeforeAll
    void start() {
        node = TestNode.embedded();
        platform = node.platform();
        api = node.api();
        workspace = platform.createWorkspace("subscriptions");
        base = "/v2/workspaces/" + workspace + "/subscriptions";
    }

    @AfterAll
    void stop() {
        try {
            EventSchemas.assertValid(platform.allEvents());
        } finally {
            node.close();
        }
    }

    @Test
    void createShowsTheSecretOnceAndTheSubscriptionCanBeReadChangedAndDeleted() {
        ApiClient.Answer created = api.post(base, body(PUBLIC_URL, List.of("flow/*/error", "flow/*/execution")));

        assertThat(created.status()).as(created.text()).isEqualTo(201);
        JsonNode data = created.json().path("data");
        String id = data.path("id").asText();
        assertThat(data.path("type").asText()).isEqualTo("subscription");
        String secret = data.path("attributes").path("secret").asText();
        assertThat(secret).startsWith("whsec_");
        assertThat(Base64.getDecoder().decode(secret.substring(6))).hasSize(32);
        assertThat(data.path("attributes").path("ordered").asBoolean()).isFalse();
        assertThat(data.path("attributes").path("status").asText()).isEqualTo("active");
        assertThat(data.at("/relationships/workspace/data/id").asText()).isEqualTo(workspace);

        JsonNode read = api.get(base + "/" + id).json().path("data").path("attributes");
        assertThat(read.has("secret")).isFalse();
        assertThat(read.path("url").asText()).isEqualTo(PUBLIC_URL);
        assertThat(api.get(base).json().path("data")).anySatisfy(s -> assertThat(s.path("id").asText()).isEqualTo(id));

        ObjectNode change = Json.object().put("ordered", true).put("status", "disabled");
        ApiClient.Answer changed = api.patch(base + "/" + id, ApiClient.document(change, null));
        assertThat(changed.status()).as(changed.text()).isEqualTo(200);
        assertThat(changed.json().at("/data/attributes/ordered").asBoolean()).isTrue();
        assertThat(changed.json().at("/data/attributes/status").asText()).isEqualTo("disabled");
        assertThat(changed.json().at("/data/attributes/disabled_at").asText()).isNotBlank();
        assertThat(changed.json().at("/data/attributes/secret").isMissingNode()).isTrue();

        assertThat(api.delete(base + "/" + id).status()).isEqualTo(204);
        assertThat(api.get(base + "/" + id).status()).isEqualTo(404);
        // events become readable once the sequencer has given them a cursor, a moment after their commit
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(platform.events("workspace/" + workspace + "/activity"))
                .filteredOn(e -> e.at("/payload/resourceId").asText().equals(id))
                .extracting(e -> e.at("/payload/activityType").asText() + " " + e.at("/payload/resourceType").asText())
                .containsExactly("created subscription", "updated subscription", "deleted subscription"));
    }

    @Test
    void rotatingTheSecretAnswersANewOne() {
        String id = create(PUBLIC_URL, List.of("flow/*/error"));

        ApiClient.Answer rotated = api.post(base + "/" + id + "/rotate-secret", Json.object());

        assertThat(rotated.status()).as(rotated.text()).isEqualTo(200);
        assertThat(rotated.json().at("/data/attributes/secret").asText()).startsWith("whsec_");
    }

    @Test
    void signingSecretsAreSealedAtRest() {
        ApiClient.Answer created = api.post(base, body(PUBLIC_URL, List.of("flow/*/error")));
        String id = created.json().at("/data/id").asText();
        String first = created.json().at("/data/attributes/secret").asText();
        String second = api.post(base + "/" + id + "/rotate-secret", Json.object()).json().at("/data/attributes/secret").asText();

        List<String> stored = new NodeDatabase(node).subscriptionSecrets(id);

        assertThat(stored).hasSize(2).allSatisfy(column -> assertThat(column).startsWith("sealed:v1:")
                .doesNotContain(first.substring("whsec_".length())).doesNotContain(second.substring("whsec_".length())));
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://127.0.0.1:9000/hook", "http://localhost/hook", "http://10.1.2.3/hook",
            "http://192.168.0.10/hook", "http://172.16.5.4/hook", "http://169.254.169.254/latest/meta-data",
            "http://[::1]/hook", "http://[fd00::1]/hook", "http://[fe80::1]/hook", "http://0.0.0.0:8080/hook"})
    void privateAndLoopbackTargetsAreRefusedWith422(String url) {
        ApiClient.Answer refused = api.post(base, body(url, List.of("flow/*/error")));

        assertThat(refused.status()).as(refused.text()).isEqualTo(422);
        JsonNode error = refused.json().path("errors").get(0);
        assertThat(error.path("detail").asText()).contains("FLOWGATE_DELIVERY_ALLOW_PRIVATE");
        assertThat(error.at("/source/pointer").asText()).isEqualTo("/data/attributes/url");
    }

    @Test
    void aPrivateTargetIsRefusedOnUpdateToo() {
        String id = create(PUBLIC_URL, List.of("flow/*/error"));

        ApiClient.Answer refused = api.patch(base + "/" + id, ApiClient.document(Json.object().put("url", "http://127.0.0.1/x"), null));

        assertThat(refused.status()).isEqualTo(422);
        assertThat(api.get(base + "/" + id).json().at("/data/attributes/url").asText()).isEqualTo(PUBLIC_URL);
    }

    @Test
    void channelsMustBeThisWorkspacesOwn() {
        String otherWorkspace = platform.createWorkspace("other");
        String foreignFlow = platform.createFlow(otherWorkspace, "greeter");
        String ownFlow = platform.createFlow(workspace, "greeter");

        assertThat(api.post(base, disabled(List.of("flow/" + ownFlow + "/execution", "workspace/" + workspace + "/activity"))).status())
                .isEqualTo(201);
        ApiClient.Answer foreign = api.post(base, body(PUBLIC_URL, List.of("flow/*/error", "flow/" + foreignFlow + "/error",
                "workspace/" + otherWorkspace + "/activity", "workspace/*/activity")));
        assertThat(foreign.status()).as(foreign.text()).isEqualTo(422);
        assertThat(foreign.json().path("errors")).extracting(e -> e.at("/source/pointer").asText())
                .containsExactly("/data/attributes/channels/1", "/data/attributes/channels/2", "/data/attributes/channels/3");
        assertThat(api.post(base, body(PUBLIC_URL, List.of("flow/" + UUID.randomUUID() + "/error"))).status()).isEqualTo(422);
    }

    @Test
    void badInputIsA400WithAClearReason() {
        assertBad(Json.object().putNull("url"), "url is required");
        assertBad(attributes("ftp://203.0.113.10/x", List.of("flow/*/error")), "http or https");
        assertBad(attributes("https://user:pw@203.0.113.10/x", List.of("flow/*/error")), "user name or password");
        assertBad(attributes(PUBLIC_URL, List.of()), "at least one channel");
        assertBad(attributes(PUBLIC_URL, List.of("topic/orders")), "Unknown channel");
        assertBad(attributes(PUBLIC_URL, List.of("flow/not-a-uuid/error")), "Unknown channel");
        assertBad(attributes(PUBLIC_URL, List.of("flow/*/error")).put("ordered", "yes"), "ordered must be true or false");
        assertBad(attributes(PUBLIC_URL, List.of("flow/*/error")).put("status", "paused"), "active or disabled");
        assertBad(Json.object().put("url", PUBLIC_URL).put("channels", "flow/*/error"), "array of strings");

        String id = create(PUBLIC_URL, List.of("flow/*/error"));
        assertThat(api.patch(base + "/" + id, ApiClient.document(Json.object(), null)).status()).isEqualTo(400);
        assertThat(api.post(base + "/" + id + "/replay", Json.object().put("since", "yesterday")).status()).isEqualTo(400);
        assertThat(api.post(base + "/" + id + "/replay", Json.object()).status()).isEqualTo(400);
        assertThat(api.get(base + "/" + id + "/deliveries?status=lost").status()).isEqualTo(400);
    }

    @Test
    void unknownIdsAndOtherPeoplesWorkspacesAre404() {
        String id = create(PUBLIC_URL, List.of("flow/*/error"));
        ApiClient stranger = api.as(newUser("stranger"));

        assertThat(api.get(base + "/" + UUID.randomUUID()).status()).isEqualTo(404);
        assertThat(api.get(base + "/not-an-id").status()).isEqualTo(404);
        assertThat(api.post(base + "/" + id + "/deliveries/" + UUID.randomUUID() + "/resend", Json.object()).status()).isEqualTo(404);
        assertThat(api.get("/v2/workspaces/" + UUID.randomUUID() + "/subscriptions").status()).isEqualTo(404);
        assertThat(stranger.get(base).status()).isEqualTo(404);
        assertThat(stranger.get(base + "/" + id).status()).isEqualTo(404);
        assertThat(stranger.post(base, body(PUBLIC_URL, List.of("flow/*/error"))).status()).isEqualTo(404);
        assertThat(stranger.delete(base + "/" + id).status()).isEqualTo(404);
        assertThat(api.get(base + "/" + id).status()).isEqualTo(200);
    }

    @Test
    void aNewSubscriptionHasNoDeliveriesAndReplaysNothingFromTheFuture() {
        String id = create(PUBLIC_URL, List.of("flow/*/error"));

        ApiClient.Answer deliveries = api.get(base + "/" + id + "/deliveries");
        ApiClient.Answer replay = api.post(base + "/" + id + "/replay", Json.object().put("since", "2999-01-01T00:00:00.000Z"));

        assertThat(deliveries.status()).isEqualTo(200);
        assertThat(deliveries.json().path("data")).isEmpty();
        assertThat(deliveries.json().at("/meta/total").asInt()).isZero();
        assertThat(replay.status()).isEqualTo(202);
        assertThat(replay.json().path("queued").asInt()).isZero();
    }

    private String create(String url, List<String> channels) {
        ApiClient.Answer created = api.post(base, body(url, channels));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        return created.json().at("/data/id").asText();
    }

    private String newUser(String name) {
        ApiClient.Answer user = api.post("/v2/users", ApiClient.document(Json.object().put("email", name + "@example.com")
                .put("name", name), null));
        assertThat(user.status()).as(user.text()).isEqualTo(201);
        return user.json().at("/data/attributes/api_key").asText();
    }

    private void assertBad(ObjectNode attributes, String reason) {
        ApiClient.Answer answer = api.post(base, ApiClient.document(attributes, null));
        assertThat(answer.status()).as(answer.text()).isEqualTo(400);
        assertThat(answer.json().path("errors").get(0).path("detail").asText()).contains(reason);
    }

    private static ObjectNode body(String url, List<String> channels) {
        return ApiClient.document(attributes(url, channels), null);
    }

    private static ObjectNode disabled(List<String> channels) {
        return ApiClient.document(attributes(PUBLIC_URL, channels).put("status", "disabled"), null);
    }

    static ObjectNode attributes(String url, List<String> channels) {
        ObjectNode attributes = Json.object().put("url", url);
        channels.forEach(attributes.putArray("channels")::add);
        return attributes;
    }
}
