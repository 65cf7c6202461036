package io.flowgate.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flowgate.core.Json;
import io.flowgate.core.event.ChannelAddress;
import io.flowgate.core.event.FlowErrorEvent;
import io.flowgate.core.event.FlowExecutionEvent;
import io.flowgate.core.event.PlatformEvent;
import io.flowgate.core.event.WorkspaceActivityEvent;
import io.flowgate.core.execution.StepError;
import io.flowgate.core.message.TopicMessage;
import io.flowgate.core.message.WebhookTriggerMessage;
import io.flowgate.core.event.StoredEvent;
import io.flowgate.core.port.MessageBus;
import io.flowgate.core.port.Topology;
import io.flowgate.core.port.WebhookSender;
import io.flowgate.core.subscription.Delivery;
import io.flowgate.core.subscription.OutboundWebhook;
import io.flowgate.core.subscription.Subscription;
import io.flowgate.core.subscription.WebhookSecret;
import io.flowgate.runtime.events.AmqpEventRelay;
import java.net.URI;
import java.security.SecureRandom;
import java.util.Arrays;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The AsyncAPI document served at /asyncapi.yaml and /asyncapi.json: its five channels and messages, the
 * contract's payload fields, the AMQP topology the code really uses, and that the payloads the core
 * records produce validate against its schemas.
 */
class AsyncApiDocumentTest {

    private static final JsonNode DOC = DocumentRoutes.asyncApi();
    private static final DocumentSchemas SCHEMAS = DocumentSchemas.asyncApi();

    /** Per message, the fields CONTRACT.md §1 lists (all must be properties) and those the document requires. */
    private static final Map<String, List<String>> CONTRACT_FIELDS = Map.of(
            "WebhookTriggerMessage", List.of("headers", "body", "queryParameters", "method", "path", "requestId", "receivedAt"),
            "TopicMessage", List.of("id", "topicName", "data", "metadata"),
            "FlowExecutionEvent", List.of("eventId", "executionId", "flowId", "status", "timestamp", "duration", "stepCount"),
            "FlowErrorEvent", List.of("eventId", "executionId", "flowId", "stepId", "error", "timestamp", "retryable", "attempt"),
            "WorkspaceActivityEvent", List.of("eventId", "workspaceId", "activityType", "resourceType", "timestamp", "resourceId", "userId"));
    private static final Map<String, List<String>> REQUIRED = Map.of(
            "WebhookTriggerMessage", List.of("headers", "body", "queryParameters", "method"),
            "TopicMessage", List.of("id", "topicName", "data"),
            "FlowExecutionEvent", List.of("eventId", "executionId", "flowId", "status", "timestamp"),
            "FlowErrorEvent", List.of("eventId", "executionId", "flowId", "stepId", "error", "timestamp"),
            "WorkspaceActivityEvent", List.of("eventId", "workspaceId", "activityType", "resourceType", "timestamp"));

    private static final Map<String, String> CHANNEL_MESSAGES = Map.of(
            "webhook/flow/{flowId}", "WebhookTriggerMessage",
            "topic/{topicName}", "TopicMessage",
            "flow/{flowId}/execution", "FlowExecutionEvent",
            "flow/{flowId}/error", "FlowErrorEvent",
            "workspace/{workspaceId}/activity", "WorkspaceActivityEvent");

    private static final UUID FLOW = UUID.fromString("3f2a9c1e-8d47-4b6a-a5e2-0c9d8b7a6f51");
    private static final UUID WORKSPACE = UUID.fromString("c0ffee00-1234-4abc-8def-0123456789ab");
    private static final Instant AT = Instant.parse("2026-11-27T10:00:00Z");

    @Test
    void isAnAsyncApi26DocumentThatIsServedAsYamlAndJson() {
        assertThat(DOC.path("asyncapi").asText()).isEqualTo("2.6.0");
        assertThat(DOC.path("defaultContentType").asText()).isEqualTo("application/json");
        assertThat(names(DOC.path("servers"))).containsExactlyInAnyOrder("webhooks", "platform", "amqp");
        assertThat(DOC.at("/servers/amqp/protocol").asText()).isEqualTo("amqp");
        assertThat(DOC.at("/servers/amqp/protocolVersion").asText()).isEqualTo("0.9.1");
        assertThat(DOC.at("/servers/amqp/variables/port/default").asText()).isEqualTo("5673");
        new DocumentRoutes(); // converts both documents to JSON as the server does at start
    }

    @Test
    void hasTheFiveChannelsOfTheSpecWithTheirMessages() {
        assertThat(names(DOC.path("channels"))).containsExactlyInAnyOrderElementsOf(CHANNEL_MESSAGES.keySet());
        Set<String> operationIds = new HashSet<>();
        CHANNEL_MESSAGES.forEach((channel, message) -> {
            JsonNode node = DOC.path("channels").path(channel);
            assertThat(node.path("description").asText()).as(channel).isNotBlank();
            for (String operation : List.of("publish", "subscribe")) {
                JsonNode op = node.path(operation);
                if (op.isMissingNode()) {
                    continue;
                }
                assertThat(op.path("operationId").asText()).as(channel + " " + operation).isNotBlank();
                assertThat(operationIds.add(op.path("operationId").asText())).as("unique operationId").isTrue();
                assertThat(op.path("summary").asText()).isNotBlank();
                assertThat(op.path("description").asText()).isNotBlank();
                assertThat(op.at("/message/$ref").asText()).isEqualTo("#/components/messages/" + message);
            }
        });
        assertThat(DOC.at("/channels/webhook~1flow~1{flowId}/publish").isObject()).isTrue();
        assertThat(DOC.at("/channels/topic~1{topicName}/publish").isObject()).isTrue();
        assertThat(DOC.at("/channels/topic~1{topicName}/subscribe").isObject()).isTrue();
        for (String events : List.of("flow/{flowId}/execution", "flow/{flowId}/error", "workspace/{workspaceId}/activity")) {
            assertThat(DOC.path("channels").path(events).has("subscribe")).as(events).isTrue();
            assertThat(DOC.path("channels").path(events).has("publish")).as(events).isFalse();
        }
    }

    @Test
    void messagesHavePayloadSchemasWithTheContractFields() {
        CONTRACT_FIELDS.forEach((name, fields) -> {
            JsonNode message = DOC.at("/components/messages/" + name);
            assertThat(message.path("name").asText()).isEqualTo(name);
            assertThat(message.path("contentType").asText()).isEqualTo("application/json");
            assertThat(message.at("/payload/$ref").asText()).isEqualTo("#/components/schemas/" + name);
            JsonNode schema = DOC.at("/components/schemas/" + name);
            assertThat(schema.path("type").asText()).as(name).isEqualTo("object");
            assertThat(names(schema.path("properties"))).as(name).containsAll(fields);
            assertThat(texts(schema.path("required"))).as(name).containsAll(REQUIRED.get(name));
        });
        assertThat(texts(DOC.at("/components/schemas/FlowErrorEvent/properties/error/required")))
                .containsExactlyInAnyOrder("name", "message", "stack");
        assertThat(texts(DOC.at("/components/schemas/FlowExecutionEvent/properties/status/enum")))
                .containsExactly("started", "completed", "failed", "suspended");
        assertThat(texts(DOC.at("/components/schemas/WorkspaceActivityEvent/properties/activityType/enum")))
                .containsExactly("created", "updated", "deleted", "started", "stopped");
        assertThat(texts(DOC.at("/components/schemas/WorkspaceActivityEvent/properties/resourceType/enum")))
                .containsExactly("flow", "credential", "component", "member", "recipe", "subscription");
        assertThat(texts(DOC.at("/components/schemas/WebhookTriggerMessage/properties/method/enum")))
                .containsExactly("GET", "POST", "PUT", "PATCH", "DELETE");
    }

    @Test
    void amqpExchangesAreTheOnesTheCodeDeclares() {
        Set<String> channelExchanges = new HashSet<>();
        DOC.path("channels").properties().forEach(channel -> {
            JsonNode exchange = channel.getValue().at("/bindings/amqp/exchange");
            if (exchange.isMissingNode()) {
                return;
            }
            assertThat(channel.getValue().at("/bindings/amqp/is").asText()).isEqualTo("routingKey");
            assertThat(exchange.path("type").asText()).isEqualTo("topic");
            assertThat(exchange.path("durable").asBoolean()).isTrue();
            assertThat(exchange.path("autoDelete").asBoolean(true)).isFalse();
            channelExchanges.add(exchange.path("name").asText());
        });
        assertThat(channelExchanges).containsExactlyInAnyOrder(Topology.EVENTS_EXCHANGE, Topology.TOPICS_EXCHANGE);
        assertThat(exchange("topic/{topicName}")).isEqualTo(Topology.TOPICS_EXCHANGE);
        for (String events : List.of("flow/{flowId}/execution", "flow/{flowId}/error", "workspace/{workspaceId}/activity")) {
            assertThat(exchange(events)).as(events).isEqualTo(Topology.EVENTS_EXCHANGE);
        }
        String amqpServer = DOC.at("/servers/amqp/description").asText();
        assertThat(amqpServer).contains(Topology.EVENTS_EXCHANGE, Topology.TOPICS_EXCHANGE, Topology.WORK_EXCHANGE, "internal");
        assertThat(channelExchanges).doesNotContain(Topology.WORK_EXCHANGE);
    }

    @Test
    void routingKeysAreTheOnesTheCodeUses() {
        assertThat(cc("flow/{flowId}/execution").replace("{flowId}", FLOW.toString()))
                .isEqualTo(ChannelAddress.flowExecution(FLOW).routingKey());
        assertThat(cc("flow/{flowId}/error").replace("{flowId}", FLOW.toString()))
                .isEqualTo(ChannelAddress.flowError(FLOW).routingKey());
        assertThat(cc("workspace/{workspaceId}/activity").replace("{workspaceId}", WORKSPACE.toString()))
                .isEqualTo(ChannelAddress.workspaceActivity(WORKSPACE).routingKey());
        assertThat(cc("topic/{topicName}").replace("{workspaceId}", WORKSPACE.toString()).replace("{topicName}", "orders"))
                .isEqualTo(Topology.topicRoutingKey(WORKSPACE, "orders"));
    }

    @Test
    void amqpMessageTypeIsTheMessageNameTheCodeSends() {
        for (PlatformEvent event : sampleEvents()) {
            assertThat(DOC.at("/components/messages/" + event.name() + "/bindings/amqp/messageType").asText())
                    .isEqualTo(event.name());
            assertThat(DOC.path("channels").path(template(event.channel())).at("/subscribe/message/$ref").asText())
                    .isEqualTo("#/components/messages/" + event.name());
        }
        assertThat(DOC.at("/components/messages/TopicMessage/bindings/amqp/messageType").asText()).isEqualTo(Topology.TOPIC_MESSAGE_TYPE);
    }

    @Test
    void payloadsTheCoreProducesValidateAgainstTheSchemas() {
        for (PlatformEvent event : sampleEvents()) {
            assertThat(SCHEMAS.violations(event.name(), event.payload())).as(event.toString()).isEmpty();
        }
        TopicMessage fromFlow = new TopicMessage(UUID.randomUUID(), "orders.created", Json.object().put("orderId", 4711),
                AT.plusMillis(120), FLOW, "corr-1");
        TopicMessage fromClient = new TopicMessage(UUID.randomUUID(), "orders", Json.object(), AT, null, null);
        assertThat(SCHEMAS.violations("TopicMessage", fromFlow.toJson())).isEmpty();
        assertThat(SCHEMAS.violations("TopicMessage", fromClient.toJson())).isEmpty();
        WebhookTriggerMessage webhook = new WebhookTriggerMessage(Map.of("content-type", "application/json"),
                Json.object().put("orderId", 4711), Map.of("source", "shop"), "POST", "orders", UUID.randomUUID(), AT);
        assertThat(SCHEMAS.violations("WebhookTriggerMessage", webhook.toJson())).isEmpty();
    }

    @Test
    void schemasRejectWhatTheContractForbids() {
        ObjectNode started = new FlowExecutionEvent(UUID.randomUUID(), WORKSPACE, UUID.randomUUID(), FLOW,
                FlowExecutionEvent.Status.STARTED, AT, null, null).payload();
        assertThat(SCHEMAS.violations("FlowExecutionEvent", started.deepCopy().put("timestamp", AT.toString())))
                .as("Instant.toString() drops .000").isNotEmpty();
        assertThat(SCHEMAS.violations("FlowExecutionEvent", started.deepCopy().put("status", "running"))).isNotEmpty();
        assertThat(SCHEMAS.violations("FlowExecutionEvent", started.deepCopy().put("executionId", "not-a-uuid"))).isNotEmpty();
        assertThat(SCHEMAS.violations("FlowExecutionEvent", started.deepCopy().put("status", "completed")))
                .as("an end event carries duration and stepCount").isNotEmpty();
        ObjectNode activity = sampleEvents().get(3).payload();
        assertThat(SCHEMAS.violations("WorkspaceActivityEvent", activity.deepCopy().put("resourceType", "workspace"))).isNotEmpty();
        ObjectNode topic = new TopicMessage(UUID.randomUUID(), "orders", Json.object(), AT, null, null).toJson();
        assertThat(SCHEMAS.violations("TopicMessage", topic.deepCopy().put("data", "text"))).isNotEmpty();
        assertThat(SCHEMAS.violations("TopicMessage", topic.deepCopy().put("topicName", "a.*.b"))).isNotEmpty();
    }

    @Test
    void everyActivityAndResourceTypeTheCodeHasIsInTheDocument() {
        assertThat(texts(DOC.at("/components/schemas/WorkspaceActivityEvent/properties/activityType/enum")))
                .containsExactlyElementsOf(Arrays.stream(WorkspaceActivityEvent.ActivityType.values()).map(t -> t.wire()).toList());
        assertThat(texts(DOC.at("/components/schemas/WorkspaceActivityEvent/properties/resourceType/enum")))
                .containsExactlyElementsOf(Arrays.stream(WorkspaceActivityEvent.ResourceType.values()).map(t -> t.wire()).toList());
    }

    @Test
    void outboundWebhookHeadersTheCodeSendsMatchTheDocument() {
        WebhookSecret first = WebhookSecret.generate(new SecureRandom());
        Subscription subscription = Subscription.create(UUID.randomUUID(), WORKSPACE, URI.create("https://example.com/hook"),
                List.of(ChannelAddress.pattern("flow/*/error")), false, first, AT);
        for (PlatformEvent event : sampleEvents()) {
            StoredEvent stored = new StoredEvent(7, event.eventId(), event.channel(), event.name(), WORKSPACE, event.payload());
            Delivery delivery = Delivery.of(UUID.randomUUID(), subscription.id(), stored, AT);
            for (Subscription signing : List.of(subscription, subscription.rotated(WebhookSecret.generate(new SecureRandom()), AT))) {
                WebhookSender.Request request = OutboundWebhook.request(signing, delivery, Json.bytes(event.payload()), AT);
                ObjectNode headers = Json.object();
                request.headers().forEach(headers::put);
                assertThat(SCHEMAS.violations("StandardWebhooksHeaders", headers)).as(headers.toString()).isEmpty();
                assertThat(request.headers().get("webhook-id")).isEqualTo(event.eventId().toString());
            }
        }
    }

    @Test
    void theAmqpRelayPublishesWhatTheDocumentSays() {
        for (PlatformEvent event : sampleEvents()) {
            StoredEvent stored = new StoredEvent(7, event.eventId(), event.channel(), event.name(), WORKSPACE, event.payload());
            MessageBus.Outgoing message = AmqpEventRelay.message(stored);
            assertThat(message.exchange()).isEqualTo(Topology.EVENTS_EXCHANGE);
            assertThat(message.type()).isEqualTo(DOC.at("/components/messages/" + event.name() + "/bindings/amqp/messageType").asText());
            assertThat(message.messageId()).isEqualTo(event.eventId().toString());
            String cc = cc(template(event.channel())).replace("{flowId}", FLOW.toString()).replace("{workspaceId}", WORKSPACE.toString());
            assertThat(message.routingKey()).isEqualTo(cc);
            assertThat(DOC.at("/servers/amqp/description").asText()).contains(AmqpEventRelay.WORKSPACE_HEADER);
        }
    }

    @Test
    void messageExamplesValidateAgainstTheirSchemas() {
        CONTRACT_FIELDS.keySet().forEach(name -> {
            JsonNode examples = DOC.at("/components/messages/" + name + "/examples");
            assertThat(examples.isArray() && !examples.isEmpty()).as(name + " has examples").isTrue();
            examples.forEach(example -> assertThat(SCHEMAS.violations(name, example.path("payload"))).as(name).isEmpty());
        });
    }

    private static List<PlatformEvent> sampleEvents() {
        UUID execution = UUID.randomUUID();
        return List.of(
                new FlowExecutionEvent(UUID.randomUUID(), WORKSPACE, execution, FLOW, FlowExecutionEvent.Status.STARTED, AT, null, null),
                new FlowExecutionEvent(UUID.randomUUID(), WORKSPACE, execution, FLOW, FlowExecutionEvent.Status.COMPLETED,
                        AT.plusMillis(240), 240L, 3),
                new FlowErrorEvent(UUID.randomUUID(), WORKSPACE, execution, FLOW, "call-crm",
                        new StepError("HttpError", "answered 503", ""), AT.plusMillis(180), true, 1),
                new WorkspaceActivityEvent(UUID.randomUUID(), WORKSPACE, WorkspaceActivityEvent.ActivityType.STARTED,
                        WorkspaceActivityEvent.ResourceType.FLOW, AT, FLOW, UUID.randomUUID()),
                new WorkspaceActivityEvent(UUID.randomUUID(), WORKSPACE, WorkspaceActivityEvent.ActivityType.DELETED,
                        WorkspaceActivityEvent.ResourceType.MEMBER, AT, null, null));
    }

    /** The channel template of a concrete channel, e.g. flow/{flowId}/error for flow/<uuid>/error. */
    private static String template(ChannelAddress channel) {
        String[] segments = channel.segments();
        return segments[0] + "/{" + segments[0] + "Id}/" + segments[2];
    }

    private static String exchange(String channel) {
        return DOC.path("channels").path(channel).at("/bindings/amqp/exchange/name").asText();
    }

    private static String cc(String channel) {
        JsonNode op = DOC.path("channels").path(channel);
        JsonNode binding = op.has("subscribe") ? op.at("/subscribe/bindings/amqp") : op.at("/publish/bindings/amqp");
        assertThat(binding.path("deliveryMode").asInt()).as(channel + " persistent").isEqualTo(2);
        return binding.path("cc").path(0).asText();
    }

    private static List<String> names(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(item -> texts.add(item.asText()));
        return texts;
    }
}
