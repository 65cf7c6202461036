package io.flowgate.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flowgate.app.testing.ApiClient;
import io.flowgate.app.testing.EventSchemas;
import io.flowgate.app.testing.Platform;
import io.flowgate.app.testing.TestNode;
import io.flowgate.app.testing.WebhookReceiver;
import io.flowgate.core.Json;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Outbound webhooks to a real receiver on 127.0.0.1 that checks every signature as a customer would. The
 * node allows private targets and retries quickly (a shortened schedule and failure window, set through
 * the documented settings), so that what takes days in production happens here in seconds. Written once,
 * run on the embedded default and on RabbitMQ with PostgreSQL.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class WebhookDeliveryContract {

    /** The settings that make retries and the failure window short. */
    protected static final Map<String, String> QUICK_RETRIES = Map.of("FLOWGATE_DELIVERY_ALLOW_PRIVATE", "true",
            "FLOWGATE_DELIVERY_RETRY_SCHEDULE", String.join(",", Collections.nCopies(40, "200ms")),
            "FLOWGATE_DELIVERY_DISABLE_AFTER", "4s");

    private static final Duration WAIT = Duration.ofSeconds(60);

    private TestNode node;
    private Platform platform;
    private ApiClient api;
    private WebhookReceiver receiver;
    private String workspace;
    private String subscriptions;

    protected abstract TestNode startNode();

    @BeforeAll
    void start() {
        node = startNode();
        platform = node.platform();
        api = node.api();
        receiver = WebhookReceiver.start();
        workspace = platform.createWorkspace("delivery");
        subscriptions = "/v2/workspaces/" + workspace + "/subscriptions";
    }

    @AfterAll
    void stop() {
        try {
            EventSchemas.assertValid(platform.allEvents());
        } finally {
            receiver.close();
            node.close();
        }
    }

    @Test
    void aFailingDeliveryIsRetriedWithTheSameWebhookIdUntilTheReceiverTakesIt() {
        String flow = platform.startFlow(workspace, "permanent-failure");
        Subscription subscription = subscribe("/retried", List.of("flow/" + flow + "/error"), false);
        receiver.answer("/retried", 500, 500);

        api.webhook(flow, Json.object());

        JsonNode delivery = awaitDeliveries(subscription, list -> list.size() == 1 && status(list.getFirst()).equals("succeeded"))
                .getFirst();
        JsonNode event = platform.events("flow/" + flow + "/error").getFirst();
        String eventId = event.at("/payload/eventId").asText();
        assertThat(delivery.at("/attributes/event_id").asText()).isEqualTo(eventId);
        assertThat(delivery.at("/attributes/name").asText()).isEqualTo("FlowErrorEvent");
        assertThat(delivery.at("/attributes/attempts")).extracting(a -> a.path("status_code").asInt()).containsExactly(500, 500, 200);
        assertThat(delivery.at("/attributes/attempts")).extracting(a -> a.path("attempt").asInt()).containsExactly(1, 2, 3);
        assertThat(delivery.at("/attributes/attempts/0/response").asText()).isEqualTo("not now");
        assertThat(delivery.at("/attributes/next_attempt_at").isNull()).isTrue();

        List<WebhookReceiver.Received> requests = receiver.received("/retried");
        assertThat(requests).hasSize(3).allSatisfy(request -> {
            assertThat(request.webhookId()).isEqualTo(eventId);
            assertThat(WebhookReceiver.verifies(subscription.secret(), request)).isTrue();
            assertThat(request.header("x-flowgate-event")).isEqualTo("FlowErrorEvent");
            assertThat(request.header("x-flowgate-channel")).isEqualTo("flow/" + flow + "/error");
            assertThat(request.header("content-type")).isEqualTo("application/json");
            assertThat(request.json()).isEqualTo(event.path("payload"));
            assertThat(EventSchemas.violations("FlowErrorEvent", request.json())).isEmpty();
            assertThat(EventSchemas.headerViolations(request.headersJson())).isEmpty();
        });
    }

    @Test
    void resendSendsTheDeliveryAgainWithTheSameWebhookId() {
        String flow = platform.startFlow(workspace, "permanent-failure");
        Subscription subscription = subscribe("/resent", List.of("flow/" + flow + "/error"), false);
        api.webhook(flow, Json.object());
        String deliveryId = awaitDeliveries(subscription, list -> list.size() == 1 && status(list.getFirst()).equals("succeeded"))
                .getFirst().path("id").asText();

        ApiClient.Answer resent = api.post(subscription.path() + "/deliveries/" + deliveryId + "/resend", Json.object());

        assertThat(resent.status()).as(resent.text()).isEqualTo(202);
        assertThat(resent.json().at("/data/id").asText()).isEqualTo(deliveryId);
        JsonNode delivery = awaitDeliveries(subscription, list -> list.getFirst().at("/attributes/attempts").size() == 2).getFirst();
        assertThat(status(delivery)).isEqualTo("succeeded");
        List<WebhookReceiver.Received> requests = receiver.received("/resent");
        assertThat(requests).hasSize(2);
        assertThat(requests.get(1).webhookId()).isEqualTo(requests.get(0).webhookId());
        assertThat(requests).allSatisfy(request -> assertThat(WebhookReceiver.verifies(subscription.secret(), request)).isTrue());
    }

    @Test
    void anOrderedSubscriptionSendsOneEventAfterTheOther() {
        String flow = platform.startFlow(workspace, "greeter");
        Subscription subscription = subscribe("/ordered", List.of("flow/" + flow + "/execution"), true);
        receiver.answer("/ordered", 500, 500);

        for (int i = 0; i < 3; i++) {
            platform.awaitEnd(flow, api.webhook(flow, Json.object().put("name", "n" + i)).json().path("executionId").asText());
        }

        awaitDeliveries(subscription, list -> list.size() == 6 && list.stream().allMatch(d -> status(d).equals("succeeded")));
        List<String> events = platform.events("flow/" + flow + "/execution").stream().map(e -> e.at("/payload/eventId").asText()).toList();
        List<String> expected = new ArrayList<>(List.of(events.getFirst(), events.getFirst()));
        expected.addAll(events);
        assertThat(receiver.received("/ordered")).extracting(WebhookReceiver.Received::webhookId).containsExactlyElementsOf(expected);
    }

    @Test
    void afterARotationDeliveriesCarryASignatureWithTheOldAndTheNewSecret() {
        String flow = platform.startFlow(workspace, "permanent-failure");
        Subscription subscription = subscribe("/rotated", List.of("flow/" + flow + "/error"), false);
        api.webhook(flow, Json.object());
        await().atMost(WAIT).until(() -> receiver.received("/rotated").size() == 1);

        ApiClient.Answer rotated = api.post(subscription.path() + "/rotate-secret", Json.object());
        assertThat(rotated.status()).as(rotated.text()).isEqualTo(200);
        String newSecret = rotated.json().at("/data/attributes/secret").asText();
        assertThat(newSecret).startsWith("whsec_").isNotEqualTo(subscription.secret());
        api.webhook(flow, Json.object());
        await().atMost(WAIT).until(() -> receiver.received("/rotated").size() == 2);

        WebhookReceiver.Received before = receiver.received("/rotated").get(0);
        WebhookReceiver.Received after = receiver.received("/rotated").get(1);
        assertThat(before.header("webhook-signature").split(" ")).hasSize(1);
        assertThat(WebhookReceiver.verifies(newSecret, before)).isFalse();
        assertThat(after.header("webhook-signature").split(" ")).hasSize(2);
        assertThat(WebhookReceiver.verifies(newSecret, after)).isTrue();
        assertThat(WebhookReceiver.verifies(subscription.secret(), after)).isTrue();
        assertThat(EventSchemas.headerViolations(after.headersJson())).isEmpty();
    }

    @Test
    void replaySendsTheEventsSinceATimeAgain() {
        String flow = platform.startFlow(workspace, "greeter");
        Subscription subscription = subscribe("/replayed", List.of("flow/" + flow + "/execution"), false);
        platform.awaitEnd(flow, api.webhook(flow, Json.object().put("name", "r")).json().path("executionId").asText());
        awaitDeliveries(subscription, list -> list.size() == 2 && list.stream().allMatch(d -> status(d).equals("succeeded")));
        String since = platform.events("flow/" + flow + "/execution").getFirst().at("/payload/timestamp").asText();

        ApiClient.Answer replay = api.post(subscription.path() + "/replay", Json.object().put("since", since));

        assertThat(replay.status()).as(replay.text()).isEqualTo(202);
        assertThat(replay.json().path("queued").asInt()).isEqualTo(2);
        awaitDeliveries(subscription, list -> list.size() == 4 && list.stream().allMatch(d -> status(d).equals("succeeded")));
        List<String> ids = receiver.received("/replayed").stream().map(WebhookReceiver.Received::webhookId).toList();
        assertThat(ids).hasSize(4);
        assertThat(ids.subList(2, 4)).containsExactlyInAnyOrderElementsOf(ids.subList(0, 2));
    }

    @Test
    void aSubscriptionFailingForTheWholeWindowIsDisabledWithAnActivityEventAndResumesWhenActivated() {
        String flow = platform.startFlow(workspace, "permanent-failure");
        Subscription subscription = subscribe("/failing", List.of("flow/" + flow + "/error"), false);
        receiver.answer("/failing", Collections.nCopies(1_000, 503).toArray(Integer[]::new));

        api.webhook(flow, Json.object());

        await().atMost(WAIT).until(() -> api.get(subscription.path()).json().at("/data/attributes/status").asText().equals("disabled"));
        JsonNode attributes = api.get(subscription.path()).json().at("/data/attributes");
        assertThat(attributes.path("disabled_at").asText()).isNotBlank();
        assertThat(attributes.path("failing_since").asText()).isNotBlank();
        // the activity event is readable once sequenced, a moment after the commit that disabled the subscription
        JsonNode disabled = await().atMost(WAIT).until(() -> platform.events("workspace/" + workspace + "/activity").stream()
                .filter(e -> e.at("/payload/resourceId").asText().equals(subscription.id()))
                .filter(e -> e.at("/payload/activityType").asText().equals("updated")).findFirst(), Optional::isPresent).orElseThrow();
        assertThat(disabled.at("/payload/resourceType").asText()).isEqualTo("subscription");
        assertThat(disabled.at("/payload").has("userId")).as("the platform disabled it, no user").isFalse();
        JsonNode pending = awaitDeliveries(subscription, list -> list.size() == 1).getFirst();
        assertThat(status(pending)).isEqualTo("pending");

        receiver.clear("/failing");
        ApiClient.Answer activated = api.patch(subscription.path(), ApiClient.document(Json.object().put("status", "active"), null));
        assertThat(activated.status()).isEqualTo(200);
        assertThat(activated.json().at("/data/attributes/failing_since").isNull()).isTrue();
        awaitDeliveries(subscription, list -> status(list.getFirst()).equals("succeeded"));
    }

    private record Subscription(String id, String secret, String path) {
    }

    private Subscription subscribe(String receiverPath, List<String> channels, boolean ordered) {
        ObjectNode attributes = SubscriptionApiIT.attributes(receiver.url(receiverPath), channels).put("ordered", ordered);
        ApiClient.Answer created = api.post(subscriptions, ApiClient.document(attributes, null));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        String id = created.json().at("/data/id").asText();
        return new Subscription(id, created.json().at("/data/attributes/secret").asText(), subscriptions + "/" + id);
    }

    /** The subscription's deliveries, newest first, once they satisfy {@code condition}. */
    private List<JsonNode> awaitDeliveries(Subscription subscription, Predicate<List<JsonNode>> condition) {
        List<List<JsonNode>> last = new ArrayList<>(List.of(List.of()));
        await().atMost(WAIT).pollInterval(Duration.ofMillis(100)).until(() -> {
            ApiClient.Answer page = api.get(subscription.path() + "/deliveries");
            assertThat(page.status()).as(page.text()).isEqualTo(200);
            List<JsonNode> deliveries = new ArrayList<>();
            page.json().path("data").forEach(deliveries::add);
            last.set(0, deliveries);
            return !deliveries.isEmpty() && condition.test(deliveries);
        });
        return last.getFirst();
    }

    private static String status(JsonNode delivery) {
        return delivery.at("/attributes/status").asText();
    }
}
