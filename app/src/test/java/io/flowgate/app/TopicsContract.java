package io.flowgate.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.GetResponse;
import io.flowgate.app.testing.AmqpClient;
import io.flowgate.app.testing.ApiClient;
import io.flowgate.app.testing.Platform;
import io.flowgate.app.testing.TestNode;
import io.flowgate.app.testing.Topics;
import io.flowgate.core.Ids;
import io.flowgate.core.Json;
import io.flowgate.core.port.Topology;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Pub/sub topics end to end, through the API and a plain AMQP client: written once, run on the embedded
 * default and on RabbitMQ with PostgreSQL. Each test works in a workspace of its own.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class TopicsContract {

    private static final String TIMESTAMP = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z";
    private static final JsonNode ORDER_SCHEMA = Json.parse("""
            {"type":"object","required":["orderId"],
             "properties":{"orderId":{"type":"string"},"total":{"type":"number","minimum":0}}}
            """);

    private TestNode node;
    private Platform platform;
    private ApiClient api;
    private Topics topics;

    protected abstract TestNode startNode();

    @BeforeAll
    void start() {
        node = startNode();
        connect();
    }

    @AfterAll
    void stop() {
        if (node != null) {
            node.close();
        }
    }

    private void connect() {
        platform = node.platform();
        api = node.api();
        topics = new Topics(platform);
    }

    @Test
    void topicsAreCreatedListedChangedWithVersionsAndDeleted() {
        String workspace = platform.createWorkspace("topics-crud");

        ApiClient.Answer created = topics.tryCreate(workspace, "orders.created", ORDER_SCHEMA);

        assertThat(created.status()).as(created.text()).isEqualTo(201);
        JsonNode topic = created.json().path("data");
        String id = topic.path("id").asText();
        assertThat(topic.path("type").asText()).isEqualTo("topic");
        assertThat(topic.at("/attributes/name").asText()).isEqualTo("orders.created");
        assertThat(topic.at("/attributes/schema")).isEqualTo(ORDER_SCHEMA);
        assertThat(topic.at("/attributes/routing_key").asText()).isEqualTo(workspace + ".orders.created");
        assertThat(topic.at("/attributes/created_at").asText()).matches(TIMESTAMP);
        assertThat(topic.at("/relationships/workspace/data/id").asText()).isEqualTo(workspace);
        assertThat(topics.tryCreate(workspace, "orders.created", null).status()).isEqualTo(409);
        assertThat(api.get("/v2/workspaces/" + workspace + "/topics").json().at("/meta/total").asInt()).isEqualTo(1);

        ApiClient.Answer changed = api.patch("/v2/workspaces/" + workspace + "/topics/" + id,
                ApiClient.document(Json.object().putNull("schema"), null));
        assertThat(changed.status()).as(changed.text()).isEqualTo(200);
        assertThat(changed.json().at("/data/attributes/version").asInt()).isEqualTo(2);
        JsonNode versions = api.get("/v2/workspaces/" + workspace + "/topics/" + id + "/versions").json().path("data");
        assertThat(versions).extracting(v -> v.at("/attributes/schema").isNull()).containsExactly(false, true);

        assertThat(api.delete("/v2/workspaces/" + workspace + "/topics/" + id).status()).isEqualTo(204);
        assertThat(api.get("/v2/workspaces/" + workspace + "/topics/" + id).status()).isEqualTo(404);
    }

    @Test
    void badNamesAndSchemasAreRefusedWithPointers() {
        String workspace = platform.createWorkspace("topics-invalid");

        ApiClient.Answer badName = topics.tryCreate(workspace, "orders..created", null);
        ApiClient.Answer wildcard = topics.tryCreate(workspace, "orders.*", null);
        ApiClient.Answer badSchema = topics.tryCreate(workspace, "orders", Json.parse("{\"type\":5}"));
        ApiClient.Answer noSchema = topics.tryCreate(workspace, "orders", Json.parse("[1]"));

        assertThat(badName.status()).isEqualTo(422);
        assertThat(pointers(badName)).containsExactly("/data/attributes/name");
        assertThat(wildcard.status()).isEqualTo(422);
        assertThat(badSchema.status()).isEqualTo(422);
        assertThat(pointers(badSchema)).contains("/data/attributes/schema/type");
        assertThat(pointers(noSchema)).containsExactly("/data/attributes/schema");
        assertThat(topics.tryCreate(workspace, "x".repeat(201), null).status()).isEqualTo(422);
    }

    @Test
    void onePublishFansOutToThreeSubscribersWithOneExecutionEach() {
        String workspace = platform.createWorkspace("topics-fan-out");
        String topicId = topics.create(workspace, "orders");
        List<String> subscribers = List.of(topics.startSubscriber(workspace, "orders"),
                topics.startSubscriber(workspace, "orders"), topics.startSubscriber(workspace, "orders"));

        JsonNode message = topics.published(workspace, "orders", Json.object().put("orderId", "o-1"));

        assertThat(message.path("topicName").asText()).isEqualTo("orders");
        assertThat(message.at("/metadata/publishedAt").asText()).matches(TIMESTAMP);
        assertThat(message.at("/metadata/correlationId").asText()).isEqualTo(message.path("id").asText());
        for (String subscriber : subscribers) {
            List<JsonNode> executions = topics.awaitEnded(subscriber, 1);
            assertThat(executions).hasSize(1);
            assertThat(Topics.status(executions.getFirst())).isEqualTo("completed");
            assertThat(executions.getFirst().at("/attributes/correlation_id").asText()).isEqualTo(message.path("id").asText());
            assertThat(topics.triggerInput(executions.getFirst())).isEqualTo(message);
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode stats = topics.get(workspace, topicId).at("/attributes/stats");
            assertThat(stats.path("published").asLong()).isEqualTo(1);
            assertThat(stats.path("subscriptions")).extracting(s -> s.path("flowId").asText())
                    .containsExactlyInAnyOrderElementsOf(subscribers);
            assertThat(stats.path("subscriptions")).allSatisfy(s -> {
                assertThat(s.path("delivered").asLong()).isEqualTo(1);
                assertThat(s.path("backlog").asLong()).isZero();
                assertThat(s.path("active").asBoolean()).isTrue();
            });
        });
    }

    @Test
    void dataThatFailsTheSchemaIsRefusedWithPointersAndReachesNoSubscriber() {
        String workspace = platform.createWorkspace("topics-schema");
        topics.create(workspace, "orders", ORDER_SCHEMA);
        String subscriber = topics.startSubscriber(workspace, "orders");

        ApiClient.Answer wrongType = topics.publish(workspace, "orders", Json.object().put("orderId", 7).put("total", -1));
        ApiClient.Answer missing = topics.publish(workspace, "orders", Json.object());
        ApiClient.Answer notAnObject = topics.publish(workspace, "orders", Json.array().add(1));
        ApiClient.Answer unknownTopic = topics.publish(workspace, "payments", Json.object());

        assertThat(wrongType.status()).isEqualTo(422);
        assertThat(pointers(wrongType)).containsExactlyInAnyOrder("/orderId", "/total");
        assertThat(pointers(missing)).containsExactly("/orderId");
        assertThat(notAnObject.status()).isEqualTo(422);
        assertThat(unknownTopic.status()).isEqualTo(404);
        JsonNode accepted = topics.published(workspace, "orders", Json.object().put("orderId", "o-2"));
        List<JsonNode> executions = topics.awaitEnded(subscriber, 1);
        assertThat(executions).hasSize(1);
        assertThat(topics.triggerInput(executions.getFirst()).path("id").asText()).isEqualTo(accepted.path("id").asText());
    }

    @Test
    void aFlowPublishesWithItsIdAndCorrelationIdAndTheSubscriberCarriesThem() {
        String workspace = platform.createWorkspace("topics-chain");
        topics.create(workspace, "orders", ORDER_SCHEMA);
        String subscriber = topics.startSubscriber(workspace, "orders");
        String publisher = topics.startFlow(workspace, "topic-publisher", "orders");

        ApiClient.Answer accepted = api.raw("POST", "/hook/" + publisher,
                Map.of("content-type", "application/json", "x-correlation-id", "order-4711"),
                Json.bytes(Json.object().put("orderId", "o-4711")));

        assertThat(accepted.status()).isEqualTo(202);
        platform.awaitEnd(publisher, accepted.json().path("executionId").asText());
        JsonNode execution = topics.awaitEnded(subscriber, 1).getFirst();
        assertThat(Topics.status(execution)).isEqualTo("completed");
        assertThat(execution.at("/attributes/correlation_id").asText()).isEqualTo("order-4711");
        JsonNode received = topics.triggerInput(execution);
        assertThat(received.at("/metadata/sourceFlowId").asText()).isEqualTo(publisher);
        assertThat(received.at("/metadata/correlationId").asText()).isEqualTo("order-4711");
        assertThat(received.at("/data/orderId").asText()).isEqualTo("o-4711");
    }

    @Test
    void aPublishStepThatTheTopicRefusesFailsForGood() {
        String workspace = platform.createWorkspace("topics-step-errors");
        topics.create(workspace, "orders", ORDER_SCHEMA);
        String invalidData = topics.startFlow(workspace, "topic-publisher", "orders");
        String unknownTopic = topics.startFlow(workspace, "topic-publisher", "no.such.topic");

        String first = api.webhook(invalidData, Json.object().put("orderId", 1)).json().path("executionId").asText();
        String second = api.webhook(unknownTopic, Json.object().put("orderId", "o")).json().path("executionId").asText();

        assertThat(platform.awaitEnd(invalidData, first).getLast().at("/payload/status").asText()).isEqualTo("failed");
        assertThat(platform.awaitEnd(unknownTopic, second).getLast().at("/payload/status").asText()).isEqualTo("failed");
        JsonNode invalid = platform.events("flow/" + invalidData + "/error").getFirst().path("payload");
        assertThat(invalid.at("/error/name").asText()).isEqualTo("TopicMessageInvalid");
        assertThat(invalid.at("/error/message").asText()).contains("/orderId");
        assertThat(invalid.path("retryable").asBoolean()).isFalse();
        JsonNode unknown = platform.events("flow/" + unknownTopic + "/error").getFirst().path("payload");
        assertThat(unknown.at("/error/name").asText()).isEqualTo("TopicNotFound");
        assertThat(unknown.path("retryable").asBoolean()).isFalse();
    }

    @Test
    void anAmqpClientPublishesTopicMessagesThatSubscribersReceiveOnce() {
        String workspace = platform.createWorkspace("topics-amqp-in");
        topics.create(workspace, "orders", ORDER_SCHEMA);
        String subscriber = topics.startSubscriber(workspace, "orders");
        String full = UUID.randomUUID().toString();
        String plain = UUID.randomUUID().toString();
        ObjectNode message = Json.object().put("id", full).put("topicName", "orders");
        message.putObject("data").put("orderId", "o-amqp");
        message.putObject("metadata").put("correlationId", "amqp-chain").put("publishedAt", "2026-11-27T10:00:00Z");

        try (AmqpClient client = new AmqpClient(node.amqpUri())) {
            client.publish(Topology.TOPICS_EXCHANGE, workspace + ".orders", topicMessage(full), Json.bytes(message));
            client.publish(Topology.TOPICS_EXCHANGE, workspace + ".orders", topicMessage(plain),
                    Json.bytes(Json.object().put("orderId", "o-plain")));
            client.publish(Topology.TOPICS_EXCHANGE, workspace + ".orders", topicMessage(full), Json.bytes(message));
        }

        List<JsonNode> executions = topics.awaitEnded(subscriber, 2);
        assertThat(executions).hasSize(2).allSatisfy(e -> assertThat(Topics.status(e)).isEqualTo("completed"));
        JsonNode fromFull = executions.stream().filter(e -> e.at("/attributes/request_id").asText().equals(full)).findFirst().orElseThrow();
        assertThat(fromFull.at("/attributes/correlation_id").asText()).isEqualTo("amqp-chain");
        assertThat(topics.triggerInput(fromFull).at("/metadata/publishedAt").asText()).isEqualTo("2026-11-27T10:00:00.000Z");
        JsonNode fromPlain = executions.stream().filter(e -> e.at("/attributes/request_id").asText().equals(plain)).findFirst().orElseThrow();
        JsonNode plainInput = topics.triggerInput(fromPlain);
        assertThat(plainInput.path("data")).isEqualTo(Json.object().put("orderId", "o-plain"));
        assertThat(plainInput.path("topicName").asText()).isEqualTo("orders");
        assertThat(plainInput.at("/metadata/publishedAt").asText()).matches(TIMESTAMP);
    }

    @Test
    void messagesAmqpClientsPublishCountOnceAsPublishedHoweverManySubscribersTakeThem() {
        String workspace = platform.createWorkspace("topics-amqp-counted");
        String topic = topics.create(workspace, "orders");
        String first = topics.startSubscriber(workspace, "orders");
        String second = topics.startSubscriber(workspace, "orders");

        try (AmqpClient client = new AmqpClient(node.amqpUri())) {
            for (String id : List.of("order-1", "order-1", "order-2")) {
                client.publish(Topology.TOPICS_EXCHANGE, workspace + ".orders", topicMessage(id),
                        Json.bytes(Json.object().put("orderId", id)));
            }
        }
        topics.published(workspace, "orders", Json.object().put("orderId", "order-3"));

        assertThat(topics.awaitEnded(first, 3)).hasSize(3);
        assertThat(topics.awaitEnded(second, 3)).hasSize(3);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            JsonNode stats = topics.get(workspace, topic).at("/attributes/stats");
            assertThat(stats.path("published").asLong()).as("order-1 (twice), order-2, and order-3 by the API").isEqualTo(3);
            assertThat(stats.path("subscriptions")).extracting(s -> s.path("delivered").asLong()).containsExactly(3L, 3L);
        });
    }

    @Test
    void aTopicMessageThatComesAgainAfterItsChainRanIsRecognisedAndRunsNothingAgain() {
        String workspace = platform.createWorkspace("topics-again");
        topics.create(workspace, "orders");
        String subscriber = topics.startSubscriber(workspace, "orders");
        String key = workspace + ".orders";
        byte[] order = Json.bytes(Json.object().put("orderId", "o-again"));

        try (AmqpClient client = new AmqpClient(node.amqpUri())) {
            client.publish(Topology.TOPICS_EXCHANGE, key, topicMessage("order-again"), order);
            topics.awaitEnded(subscriber, 1);
            client.publish(Topology.TOPICS_EXCHANGE, key, topicMessage("order-again"), order);
            client.publish(Topology.TOPICS_EXCHANGE, key, topicMessage("order-next"), Json.bytes(Json.object().put("orderId", "o-next")));
        }

        List<JsonNode> executions = topics.awaitEnded(subscriber, 2);
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(topics.executions(subscriber)).hasSize(2);
            assertThat(new NodeDatabase(node).deadLetterReasons(workspace)).isEmpty();
        });
        JsonNode again = executions.stream().filter(e -> topics.triggerInput(e).at("/data/orderId").asText().equals("o-again"))
                .findFirst().orElseThrow();
        JsonNode runs = platform.execution(again.path("id").asText()).at("/attributes/step_runs");
        assertThat(runs).extracting(run -> run.path("step_id").asText() + " emitted " + run.path("emitted").asInt()
                        + " in " + run.path("attempts").size())
                .containsExactlyInAnyOrder("on-message emitted 1 in 1", "note emitted 1 in 1", "log emitted 0 in 1");
    }

    @Test
    void invalidAmqpMessagesBecomeDeadLettersAndTheSubscriberGoesOn() {
        String workspace = platform.createWorkspace("topics-amqp-invalid");
        topics.create(workspace, "orders", ORDER_SCHEMA);
        String subscriber = topics.startSubscriber(workspace, "orders");
        ObjectNode otherTopic = Json.object().put("topicName", "payments");
        otherTopic.putObject("data").put("orderId", "o");

        try (AmqpClient client = new AmqpClient(node.amqpUri())) {
            String key = workspace + ".orders";
            client.publish(Topology.TOPICS_EXCHANGE, key, topicMessage(null), "not json".getBytes(StandardCharsets.UTF_8));
            client.publish(Topology.TOPICS_EXCHANGE, key, topicMessage(null), Json.bytes(Json.object().put("orderId", 42)));
            client.publish(Topology.TOPICS_EXCHANGE, key, topicMessage(null), Json.bytes(otherTopic));
            client.publish(Topology.TOPICS_EXCHANGE, key, topicMessage(null), Json.bytes(Json.object().put("orderId", "ok")));
        }

        List<JsonNode> executions = topics.awaitEnded(subscriber, 1);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(new NodeDatabase(node).deadLetterReasons(workspace)).hasSize(3));
        assertThat(executions).hasSize(1);
        assertThat(topics.triggerInput(executions.getFirst()).path("data").path("orderId").asText()).isEqualTo("ok");
        assertThat(new NodeDatabase(node).deadLetterReasons(workspace)).anySatisfy(reason -> assertThat(reason).contains("not valid JSON"))
                .anySatisfy(reason -> assertThat(reason).contains("/data/orderId"))
                .anySatisfy(reason -> assertThat(reason).contains("topicName 'payments'"));
    }

    @Test
    void aMessageASubscriberRefusedIsRetriedForThatSubscriberOnceTheTopicAcceptsIt() {
        String workspace = platform.createWorkspace("topics-letter-retry");
        String topic = topics.create(workspace, "orders", ORDER_SCHEMA);
        String subscriber = topics.startSubscriber(workspace, "orders");
        String other = topics.startSubscriber(workspace, "orders");
        String letters = "/v2/workspaces/" + workspace + "/dead-letters";
        try (AmqpClient client = new AmqpClient(node.amqpUri())) {
            client.publish(Topology.TOPICS_EXCHANGE, workspace + ".orders", topicMessage("order-42"),
                    Json.bytes(Json.object().put("orderId", 42)));
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> api.get(letters).json().at("/meta/total").asInt() == 2);
        JsonNode letter = deadLetterOf(letters, subscriber);
        assertThat(letter.at("/attributes/source").asText()).isEqualTo("topic:" + workspace + ".orders");
        assertThat(letter.at("/attributes/message_id").asText()).isEqualTo("order-42");
        String retry = letters + "/" + letter.path("id").asText() + "/retry";

        ApiClient.Answer refused = api.post(retry, Json.object());
        assertThat(refused.status()).as(refused.text()).isEqualTo(409);
        assertThat(refused.text()).contains("/data/orderId");
        api.patch("/v2/workspaces/" + workspace + "/topics/" + topic, ApiClient.document(Json.object().putNull("schema"), null));
        ApiClient.Answer retried = api.post(retry, Json.object());

        assertThat(retried.status()).as(retried.text()).isEqualTo(202);
        JsonNode execution = topics.awaitEnded(subscriber, 1).getFirst();
        assertThat(Topics.status(execution)).isEqualTo("completed");
        assertThat(topics.triggerInput(execution).at("/data/orderId").asInt()).isEqualTo(42);
        assertThat(execution.at("/attributes/request_id").asText()).as("the id the message would have had at first")
                .isEqualTo(Ids.derive("amqp-message-id", "order-42").toString());
        assertThat(api.get(letters).json().path("data")).extracting(l -> l.at("/attributes/flow_id").asText()).containsExactly(other);
        assertThat(topics.executions(other)).as("the other subscriber's letter waits for its own retry").isEmpty();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(topics.get(workspace, topic).at("/attributes/stats/subscriptions"))
                .anySatisfy(stats -> assertThat(stats.path("flowId").asText() + " " + stats.path("delivered").asLong())
                        .isEqualTo(subscriber + " 1")));
        assertThat(api.post(retry, Json.object()).status()).as("gone after its retry").isEqualTo(404);
    }

    private JsonNode deadLetterOf(String letters, String flowId) {
        for (JsonNode letter : api.get(letters).json().path("data")) {
            if (letter.at("/attributes/flow_id").asText().equals(flowId)) {
                return letter;
            }
        }
        throw new AssertionError("No dead letter of flow " + flowId);
    }

    @Test
    void anAmqpClientReceivesTopicMessagesOnAQueueOfItsOwn() {
        String workspace = platform.createWorkspace("topics-amqp-out");
        topics.create(workspace, "orders");

        try (AmqpClient client = new AmqpClient(node.amqpUri())) {
            String queue = client.bindNewQueue(Topology.TOPICS_EXCHANGE, workspace + ".#");
            JsonNode published = topics.published(workspace, "orders", Json.object().put("orderId", "o-out"));

            GetResponse received = client.next(queue);

            assertThat(Json.parse(received.getBody())).isEqualTo(published);
            assertThat(received.getProps().getType()).isEqualTo("TopicMessage");
            assertThat(received.getProps().getMessageId()).isEqualTo(published.path("id").asText());
            assertThat(received.getProps().getDeliveryMode()).isEqualTo(2);
            assertThat(received.getProps().getContentType()).isEqualTo("application/json");
            assertThat(received.getEnvelope().getRoutingKey()).isEqualTo(workspace + ".orders");
        }
    }

    @Test
    void aFailingSubscriberDoesNotHoldBackAnother() {
        String workspace = platform.createWorkspace("topics-failing");
        topics.create(workspace, "orders");
        String failing = topics.startFlow(workspace, "topic-failing-subscriber", "orders");
        String healthy = topics.startSubscriber(workspace, "orders");

        for (int i = 0; i < 3; i++) {
            topics.published(workspace, "orders", Json.object().put("n", i));
        }

        assertThat(topics.awaitEnded(healthy, 3)).hasSize(3).allSatisfy(e -> assertThat(Topics.status(e)).isEqualTo("completed"));
        assertThat(topics.awaitEnded(failing, 3)).hasSize(3).allSatisfy(e -> assertThat(Topics.status(e)).isEqualTo("failed"));
    }

    @Test
    void workspacesNeverSeeEachOthersTopics() {
        String first = platform.createWorkspace("topics-a");
        String second = platform.createWorkspace("topics-b");
        topics.create(first, "shared.name");
        topics.create(second, "shared.name");
        String inFirst = topics.startSubscriber(first, "shared.name");
        String inSecond = topics.startSubscriber(second, "shared.name");

        try (AmqpClient client = new AmqpClient(node.amqpUri())) {
            String firstQueue = client.bindNewQueue(Topology.TOPICS_EXCHANGE, first + ".shared.name");
            topics.published(second, "shared.name", Json.object().put("from", "second"));
            topics.published(first, "shared.name", Json.object().put("from", "first"));

            assertThat(Json.parse(client.next(firstQueue).getBody()).at("/data/from").asText()).isEqualTo("first");
        }
        assertThat(topics.awaitEnded(inFirst, 1)).singleElement()
                .satisfies(e -> assertThat(topics.triggerInput(e).at("/data/from").asText()).isEqualTo("first"));
        assertThat(topics.awaitEnded(inSecond, 1)).singleElement()
                .satisfies(e -> assertThat(topics.triggerInput(e).at("/data/from").asText()).isEqualTo("second"));
        ApiClient outsider = api.as(platform.createUser().path("api_key").asText());
        assertThat(outsider.get("/v2/workspaces/" + first + "/topics").status()).isEqualTo(404);
        assertThat(outsider.post("/v2/workspaces/" + first + "/topics/shared.name/messages", Json.object()).status()).isEqualTo(404);
    }

    @Test
    void guestsReadTopicsButNeitherWriteNorPublish() {
        String workspace = platform.createWorkspace("topics-guests");
        String topicId = topics.create(workspace, "orders");
        JsonNode user = platform.createUser();
        new NodeDatabase(node).addMember(workspace, user.path("id").asText(), "guest");
        ApiClient guest = api.as(user.path("api_key").asText());
        String path = "/v2/workspaces/" + workspace + "/topics";

        assertThat(guest.get(path).status()).isEqualTo(200);
        assertThat(guest.get(path + "/" + topicId).status()).isEqualTo(200);
        assertThat(guest.post(path + "/orders/messages", Json.object()).status()).isEqualTo(403);
        assertThat(guest.post(path, ApiClient.document(Json.object().put("name", "mine"), null)).status()).isEqualTo(403);
        assertThat(guest.delete(path + "/" + topicId).status()).isEqualTo(403);
    }

    @Test
    void aTopicThatFlowsUseCannotBeDeletedOrRenamed() {
        String workspace = platform.createWorkspace("topics-in-use");
        String topicId = topics.create(workspace, "orders");
        String subscriber = topics.startSubscriber(workspace, "orders");
        String publisher = platform.createFlow(workspace, "publisher", Topics.graph("topic-publisher", "orders"));
        String topicPath = "/v2/workspaces/" + workspace + "/topics/" + topicId;

        ApiClient.Answer delete = api.delete(topicPath);
        ApiClient.Answer rename = api.patch(topicPath, ApiClient.document(Json.object().put("name", "orders.v2"), null));

        assertThat(delete.status()).isEqualTo(409);
        assertThat(delete.json().at("/errors/0/detail").asText()).contains(subscriber, publisher);
        assertThat(rename.status()).isEqualTo(409);
        assertThat(api.delete("/v2/flows/" + subscriber).status()).isEqualTo(204);
        assertThat(api.delete("/v2/flows/" + publisher).status()).isEqualTo(204);
        assertThat(api.delete(topicPath).status()).isEqualTo(204);
    }

    @Test
    void aSubscriberNeedsAnExistingTopicAndFollowsAChangeOfTopic() {
        String workspace = platform.createWorkspace("topics-subscribers");
        topics.create(workspace, "before");
        topics.create(workspace, "after");

        ApiClient.Answer unknown = api.post("/v2/flows", ApiClient.document(Json.object().put("name", "lost")
                .set("graph", Topics.graph("topic-subscriber", "nowhere")), workspace));
        assertThat(unknown.status()).isEqualTo(422);
        assertThat(pointers(unknown)).containsExactly("/data/attributes/graph/nodes/0/fields/topic");
        String neverStarted = platform.createFlow(workspace, "idle", Topics.graph("topic-subscriber", "before"));
        assertThat(api.post("/v2/flows/" + neverStarted + "/stop", Json.object()).status()).isEqualTo(200);
        assertThat(api.delete("/v2/flows/" + neverStarted).status()).isEqualTo(204);

        String subscriber = topics.startSubscriber(workspace, "before");
        ApiClient.Answer changed = api.patch("/v2/flows/" + subscriber,
                ApiClient.document(Json.object().set("graph", Topics.graph("topic-subscriber", "after")), null));
        assertThat(changed.status()).as(changed.text()).isEqualTo(200);
        topics.published(workspace, "before", Json.object().put("topic", "before"));
        topics.published(workspace, "after", Json.object().put("topic", "after"));
        topics.published(workspace, "after", Json.object().put("topic", "after"));

        assertThat(topics.awaitEnded(subscriber, 2)).hasSize(2)
                .allSatisfy(e -> assertThat(topics.triggerInput(e).at("/data/topic").asText()).isEqualTo("after"));
    }

    @Test
    void aStoppedSubscriberMissesWhatIsPublishedMeanwhileAndKeepsWhatWasQueued() {
        String workspace = platform.createWorkspace("topics-stop-start");
        String topicId = topics.create(workspace, "orders");
        String subscriber = topics.startSubscriber(workspace, "orders");
        restart(Map.of("FLOWGATE_ROLES", "api,ingress"));
        try {
            topics.published(workspace, "orders", Json.object().put("n", "queued"));
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                    topics.get(workspace, topicId).at("/attributes/stats/subscriptions/0/backlog").asLong()).isEqualTo(1));
            assertThat(api.post("/v2/flows/" + subscriber + "/stop", Json.object()).status()).isEqualTo(200);
            topics.published(workspace, "orders", Json.object().put("n", "missed"));
        } finally {
            restart(Map.of("FLOWGATE_ROLES", "all"));
        }
        assertThat(topics.get(workspace, topicId).at("/attributes/stats/subscriptions/0/backlog").asLong()).isEqualTo(1);

        assertThat(api.post("/v2/flows/" + subscriber + "/start", Json.object()).status()).isEqualTo(200);
        topics.published(workspace, "orders", Json.object().put("n", "after"));

        List<JsonNode> executions = topics.awaitEnded(subscriber, 2);
        assertThat(executions).hasSize(2).extracting(e -> topics.triggerInput(e).at("/data/n").asText())
                .containsExactlyInAnyOrder("queued", "after");
    }

    private void restart(Map<String, String> changes) {
        node.restart(changes);
        connect();
    }

    private static AMQP.BasicProperties topicMessage(String messageId) {
        return new AMQP.BasicProperties.Builder().type("TopicMessage").contentType("application/json").deliveryMode(2)
                .messageId(messageId).build();
    }

    private static List<String> pointers(ApiClient.Answer answer) {
        List<String> pointers = new ArrayList<>();
        answer.json().path("errors").forEach(error -> pointers.add(error.at("/source/pointer").asText()));
        return pointers;
    }
}
