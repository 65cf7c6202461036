package io.flowgate.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.DeliverCallback;
import com.rabbitmq.client.GetResponse;
import io.flowgate.app.testing.ApiClient;
import io.flowgate.app.testing.EventSchemas;
import io.flowgate.app.testing.Platform;
import io.flowgate.app.testing.TestNode;
import io.flowgate.core.Json;
import io.flowgate.core.port.Topology;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A plain RabbitMQ Java client, as any customer program would use it, binds its own queue to the events
 * exchange and receives the platform's events: written once, run on the embedded broker and on RabbitMQ.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class AmqpEventsContract {

    private static final Duration WAIT = Duration.ofSeconds(60);

    /** One message as the client got it. */
    private record Received(String routingKey, AMQP.BasicProperties properties, JsonNode body) {
    }

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
        workspace = platform.createWorkspace("amqp");
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
    void aQueueBoundToFlowPatternsGetsExecutionAndErrorEventsAsJson() throws Exception {
        String flow = platform.startFlow(workspace, "permanent-failure");
        List<Received> received = new CopyOnWriteArrayList<>();
        try (Connection connection = connect(); Channel channel = connection.createChannel()) {
            String queue = "test-events-" + UUID.randomUUID();
            channel.queueDeclare(queue, false, true, true, null);
            channel.queueBind(queue, Topology.EVENTS_EXCHANGE, "flow.*.error");
            channel.queueBind(queue, Topology.EVENTS_EXCHANGE, "flow." + flow + ".execution");
            DeliverCallback callback = (tag, message) -> received.add(new Received(message.getEnvelope().getRoutingKey(),
                    message.getProperties(), Json.parse(message.getBody())));
            channel.basicConsume(queue, true, callback, tag -> { });

            platform.awaitEnd(flow, api.webhook(flow, Json.object()).json().path("executionId").asText());

            List<JsonNode> history = eventsOf(flow);
            assertThat(history).hasSize(3);
            await().atMost(WAIT).until(() -> ids(received).containsAll(historyIds(history)));
            List<Received> ours = received.stream().filter(r -> historyIds(history).contains(r.properties().getMessageId())).toList();
            assertThat(ours).extracting(r -> r.properties().getMessageId()).containsExactlyElementsOf(historyIds(history));
            for (int i = 0; i < history.size(); i++) {
                JsonNode event = history.get(i);
                Received message = ours.get(i);
                assertThat(message.routingKey()).isEqualTo(event.path("channel").asText().replace('/', '.'));
                assertThat(message.properties().getType()).isEqualTo(event.path("name").asText());
                assertThat(message.properties().getContentType()).isEqualTo("application/json");
                assertThat(message.properties().getDeliveryMode()).isEqualTo(2);
                assertThat(message.properties().getHeaders().get("x-flowgate-workspace-id").toString()).isEqualTo(workspace);
                assertThat(message.body()).isEqualTo(event.path("payload"));
                assertThat(EventSchemas.violations(message.properties().getType(), message.body())).isEmpty();
            }
            assertThat(ours).extracting(r -> r.properties().getType())
                    .containsExactly("FlowExecutionEvent", "FlowErrorEvent", "FlowExecutionEvent");
        }
    }

    @Test
    void eventsReachADurableQueueAcrossARestartOfTheNode() throws Exception {
        String flow = platform.startFlow(workspace, "greeter");
        String queue = "test-durable-" + UUID.randomUUID();
        try (Connection connection = connect(); Channel channel = connection.createChannel()) {
            channel.queueDeclare(queue, true, false, false, null);
            channel.queueBind(queue, Topology.EVENTS_EXCHANGE, "flow." + flow + ".*");
        }
        api.webhook(flow, Json.object().put("name", "before"));

        node.restart();
        platform = node.platform();
        api = node.api();
        platform.awaitEnd(flow, api.webhook(flow, Json.object().put("name", "after")).json().path("executionId").asText());

        List<JsonNode> history = platform.awaitEvents("flow/" + flow + "/execution", events -> events.size() == 4);
        Set<String> delivered = new LinkedHashSet<>();
        try (Connection connection = connect(); Channel channel = connection.createChannel()) {
            await().atMost(WAIT).until(() -> {
                GetResponse message;
                while ((message = channel.basicGet(queue, true)) != null) {
                    delivered.add(message.getProps().getMessageId());
                }
                return delivered.containsAll(historyIds(history));
            });
            channel.queueDelete(queue);
        }
        assertThat(delivered).as("at least once: nothing lost, duplicates allowed").containsAll(historyIds(history));
    }

    private List<JsonNode> eventsOf(String flow) {
        List<JsonNode> events = new ArrayList<>(platform.events("flow/" + flow + "/execution&channel=flow/" + flow + "/error"));
        events.sort((a, b) -> Long.compare(a.path("cursor").asLong(), b.path("cursor").asLong()));
        return events;
    }

    private Connection connect() throws Exception {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setUri(node.amqpUri());
        return factory.newConnection("amqp-events-test");
    }

    private static List<String> historyIds(List<JsonNode> history) {
        return history.stream().map(e -> e.at("/payload/eventId").asText()).toList();
    }

    private static Set<String> ids(List<Received> received) {
        Set<String> ids = new LinkedHashSet<>();
        received.forEach(r -> ids.add(r.properties().getMessageId()));
        return ids;
    }
}
