package io.flowgate.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flowgate.core.FlowgateException;
import io.flowgate.core.Json;
import io.flowgate.core.component.ComponentRegistration;
import io.flowgate.core.credential.Credential;
import io.flowgate.core.credential.CredentialType;
import io.flowgate.core.event.ChannelAddress;
import io.flowgate.core.event.FlowErrorEvent;
import io.flowgate.core.event.StoredEvent;
import io.flowgate.core.execution.Execution;
import io.flowgate.core.execution.ExecutionStatus;
import io.flowgate.core.execution.StepError;
import io.flowgate.core.flow.Flow;
import io.flowgate.core.flow.FlowEdge;
import io.flowgate.core.flow.FlowGraph;
import io.flowgate.core.flow.FlowNode;
import io.flowgate.core.flow.FlowStatus;
import io.flowgate.core.flow.FlowType;
import io.flowgate.core.port.DeadLetters;
import io.flowgate.core.recipe.Recipe;
import io.flowgate.core.subscription.Delivery;
import io.flowgate.core.subscription.DeliveryAttempt;
import io.flowgate.core.subscription.DeliveryHistory;
import io.flowgate.core.subscription.Subscription;
import io.flowgate.core.subscription.WebhookSecret;
import io.flowgate.core.message.TopicMessage;
import io.flowgate.core.topic.Topic;
import io.flowgate.core.workspace.Member;
import io.flowgate.core.workspace.Role;
import io.flowgate.core.workspace.User;
import io.flowgate.core.workspace.Workspace;
import io.flowgate.runtime.component.ComponentRegistry;
import io.flowgate.services.components.ComponentView;
import io.flowgate.services.subscriptions.SubscriptionService;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Duration;
import io.flowgate.services.topics.TopicDetails;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The OpenAPI document served at /openapi.json: every endpoint of CONTRACT.md §4 is in it, and what the
 * code renders (resources, errors, events) matches its schemas, so the document and the code cannot drift
 * apart unnoticed.
 */
class OpenApiDocumentTest {

    private static final JsonNode DOC = DocumentRoutes.openApi();
    private static final DocumentSchemas SCHEMAS = DocumentSchemas.openApi();
    private static final Instant AT = Instant.parse("2026-11-27T10:00:00Z");
    private static final UUID WORKSPACE = UUID.randomUUID();

    /** "METHOD path" of every endpoint the contract names. */
    private static final List<String> ENDPOINTS = List.of(
            "get /v2/users/me", "get /v2/users", "post /v2/users", "get /v2/users/{userId}",
            "get /v2/users/me/keys", "post /v2/users/me/keys", "delete /v2/users/me/keys/{keyId}",
            "post /v2/workspaces", "get /v2/workspaces",
            "get /v2/workspaces/{workspaceId}", "patch /v2/workspaces/{workspaceId}", "delete /v2/workspaces/{workspaceId}",
            "get /v2/workspaces/{workspaceId}/members", "post /v2/workspaces/{workspaceId}/members",
            "patch /v2/workspaces/{workspaceId}/members/{userId}", "delete /v2/workspaces/{workspaceId}/members/{userId}",
            "post /v2/flows", "get /v2/flows", "get /v2/flows/{flowId}", "patch /v2/flows/{flowId}", "delete /v2/flows/{flowId}",
            "post /v2/flows/{flowId}/start", "post /v2/flows/{flowId}/stop", "post /v2/flows/{flowId}/run-now",
            "get /v2/flows/{flowId}/versions", "get /v2/flows/{flowId}/versions/{version}",
            "get /v2/components",
            "post /v2/workspaces/{workspaceId}/components", "get /v2/workspaces/{workspaceId}/components",
            "get /v2/workspaces/{workspaceId}/components/{componentId}",
            "delete /v2/workspaces/{workspaceId}/components/{componentId}",
            "get /v2/workspaces/{workspaceId}/recipes/{recipeId}", "patch /v2/workspaces/{workspaceId}/recipes/{recipeId}",
            "delete /v2/workspaces/{workspaceId}/recipes/{recipeId}",
            "post /v2/workspaces/{workspaceId}/credentials", "get /v2/workspaces/{workspaceId}/credentials",
            "get /v2/workspaces/{workspaceId}/credentials/{credentialId}",
            "patch /v2/workspaces/{workspaceId}/credentials/{credentialId}",
            "delete /v2/workspaces/{workspaceId}/credentials/{credentialId}",
            "post /v2/workspaces/{workspaceId}/recipes", "get /v2/workspaces/{workspaceId}/recipes",
            "post /v2/workspaces/{workspaceId}/recipes/{recipeId}/instantiate",
            "post /v2/workspaces/{workspaceId}/topics", "get /v2/workspaces/{workspaceId}/topics",
            "get /v2/workspaces/{workspaceId}/topics/{topicId}", "patch /v2/workspaces/{workspaceId}/topics/{topicId}",
            "delete /v2/workspaces/{workspaceId}/topics/{topicId}", "get /v2/workspaces/{workspaceId}/topics/{topicId}/versions",
            "post /v2/workspaces/{workspaceId}/topics/{topicName}/messages",
            "get /v2/executions", "get /v2/executions/{executionId}", "post /v2/executions/{executionId}/retry",
            "get /v2/events", "get /v2/events/stream",
            "post /v2/workspaces/{workspaceId}/subscriptions", "get /v2/workspaces/{workspaceId}/subscriptions",
            "get /v2/workspaces/{workspaceId}/subscriptions/{subscriptionId}",
            "patch /v2/workspaces/{workspaceId}/subscriptions/{subscriptionId}",
            "delete /v2/workspaces/{workspaceId}/subscriptions/{subscriptionId}",
            "get /v2/workspaces/{workspaceId}/subscriptions/{subscriptionId}/deliveries",
            "post /v2/workspaces/{workspaceId}/subscriptions/{subscriptionId}/deliveries/{deliveryId}/resend",
            "get /v2/workspaces/{workspaceId}/dead-letters",
            "post /v2/workspaces/{workspaceId}/dead-letters/{deadLetterId}/retry",
            "get /health/live", "get /health/ready", "get /metrics",
            "get /asyncapi.yaml", "get /asyncapi.json", "get /openapi.json");

    @Test
    void isAnOpenApi31DocumentWithBearerAndBasicAuth() {
        assertThat(DOC.path("openapi").asText()).isEqualTo("3.1.0");
        assertThat(DOC.at("/components/securitySchemes/bearerAuth/scheme").asText()).isEqualTo("bearer");
        assertThat(DOC.at("/components/securitySchemes/basicAuth/scheme").asText()).isEqualTo("basic");
        assertThat(DOC.path("security").findValuesAsText("bearerAuth")).isNotNull();
    }

    @Test
    void describesEveryEndpointOfTheContract() {
        for (String endpoint : ENDPOINTS) {
            String[] parts = endpoint.split(" ");
            assertThat(DOC.path("paths").path(parts[1]).has(parts[0])).as(endpoint).isTrue();
        }
        for (String hook : List.of("/hook/{flowId}", "/hook/{flowId}/{extraPath}", "/webhook/flow/{flowId}",
                "/webhook/flow/{flowId}/{extraPath}")) {
            for (String method : List.of("get", "post", "put", "patch", "delete")) {
                JsonNode operation = DOC.path("paths").path(hook).path(method);
                assertThat(operation.isObject()).as(method + " " + hook).isTrue();
                assertThat(operation.path("security").isArray() && operation.path("security").isEmpty())
                        .as("webhooks take no API key").isTrue();
                assertThat(operation.path("responses").has("202")).isTrue();
            }
        }
        assertThat(DOC.at("/paths/~1v2~1events~1stream/get/responses/200/content").has("text/event-stream")).isTrue();
    }

    @Test
    void operationIdsAreUnique() {
        Set<String> ids = new HashSet<>();
        DOC.path("paths").forEach(path -> path.properties().forEach(operation -> {
            if (operation.getValue().has("operationId")) {
                assertThat(ids.add(operation.getValue().path("operationId").asText()))
                        .as(operation.getValue().path("operationId").asText()).isTrue();
            }
        }));
        assertThat(ids).hasSizeGreaterThan(ENDPOINTS.size());
    }

    @Test
    void pagingIsDocumentedAsTheCodeDoesIt() {
        assertThat(DOC.at("/components/parameters/pageSize/name").asText()).isEqualTo("page[size]");
        assertThat(DOC.at("/components/parameters/pageSize/schema/default").asInt()).isEqualTo(io.flowgate.core.port.Page.DEFAULT_SIZE);
        assertThat(DOC.at("/components/parameters/pageSize/schema/maximum").asInt()).isEqualTo(io.flowgate.core.port.Page.MAX_SIZE);
        assertThat(DOC.at("/components/parameters/pageNumber/name").asText()).isEqualTo("page[number]");
        assertThat(DOC.at("/components/parameters/pageNumber/schema/minimum").asInt()).isEqualTo(1);
    }

    @Test
    void errorsTheServerSendsMatchTheErrorDocument() {
        assertThat(SCHEMAS.violations("ErrorDocument", HttpErrors.body(FlowgateException.notFound("Flow x either does not exist or is inactive"))))
                .isEmpty();
        FlowgateException invalid = FlowgateException.unprocessable("Invalid flow graph", List.of(
                FlowgateException.Problem.at("/data/attributes/graph/nodes", "nodes must be a non-empty array"),
                FlowgateException.Problem.at(null, "something else")));
        assertThat(SCHEMAS.violations("ErrorDocument", HttpErrors.body(invalid))).isEmpty();
        assertThat(SCHEMAS.violations("ErrorDocument", Json.object().putArray("errors").addObject().put("status", "404")))
                .as("the schema is not vacuous").isNotEmpty();
    }

    @Test
    void resourcesTheServerRendersMatchTheirSchemas() {
        User user = new User(UUID.randomUUID(), "ada@example.com", "Ada", false, AT);
        assertThat(SCHEMAS.violations("UserDocument", JsonApi.document(Representations.user(user)))).isEmpty();
        Workspace workspace = new Workspace(WORKSPACE, "Sales", AT, AT.plusSeconds(5));
        assertThat(SCHEMAS.violations("WorkspaceDocument", JsonApi.document(Representations.workspace(workspace)))).isEmpty();
        Member member = new Member(WORKSPACE, user.id(), Set.of(Role.ADMIN, Role.INTEGRATOR), AT);
        assertThat(SCHEMAS.violations("MemberDocument", JsonApi.document(Representations.member(member)))).isEmpty();

        FlowGraph graph = new FlowGraph(List.of(
                new FlowNode("hook", "webhook", "receive", Json.object(), null),
                new FlowNode("call", "http", "request", Json.object().put("url", "https://crm.example"), UUID.randomUUID())),
                List.of(new FlowEdge("hook", "call")));
        Flow flow = new Flow(UUID.randomUUID(), WORKSPACE, "Orders", FlowType.ORDINARY, FlowStatus.INACTIVE, graph, null, 1, AT, AT);
        assertThat(SCHEMAS.violations("FlowDocument", JsonApi.document(Representations.flow(flow)))).isEmpty();
        Flow scheduled = new Flow(UUID.randomUUID(), WORKSPACE, "Nightly", FlowType.LONG_RUNNING, FlowStatus.ACTIVE, graph,
                "0 0 * * *", 3, AT, AT);
        assertThat(SCHEMAS.violations("FlowDocument", JsonApi.document(Representations.flow(scheduled)))).isEmpty();
        assertThat(SCHEMAS.violations("FlowVersionDocument", JsonApi.document(Representations.flowVersion(scheduled)))).isEmpty();
        ObjectNode badFlow = JsonApi.document(Representations.flow(flow));
        ((ObjectNode) badFlow.at("/data/attributes")).put("type", "sometimes");
        assertThat(SCHEMAS.violations("FlowDocument", badFlow)).as("the schema is not vacuous").isNotEmpty();

        Execution running = new Execution(UUID.randomUUID(), flow.id(), WORKSPACE, 1, ExecutionStatus.RUNNING,
                UUID.randomUUID(), "corr", AT, null, 1, 2, 0);
        Execution failed = new Execution(UUID.randomUUID(), flow.id(), WORKSPACE, 1, ExecutionStatus.FAILED,
                null, null, AT, AT.plusMillis(350), 4, 0, 1);
        assertThat(SCHEMAS.violations("ExecutionDocument", JsonApi.document(Representations.execution(running)))).isEmpty();
        assertThat(SCHEMAS.violations("ExecutionDocument", JsonApi.document(Representations.execution(failed)))).isEmpty();
    }

    @Test
    void managementResourcesMatchTheirSchemas() {
        Credential credential = new Credential(UUID.randomUUID(), WORKSPACE, "crm", CredentialType.BASIC,
                List.of("password", "username"), new byte[] {1, 2}, AT, AT);
        assertThat(SCHEMAS.violations("CredentialDocument", JsonApi.document(Representations.credential(credential)))).isEmpty();

        ObjectNode parameters = (ObjectNode) Json.parse("{\"limit\":{\"type\":\"integer\",\"default\":5,\"description\":\"x\"}}");
        ObjectNode graph = (ObjectNode) Json.parse("{\"nodes\":[{\"id\":\"in\",\"component_id\":\"webhook\",\"function\":\"receive\","
                + "\"fields\":{\"rateLimitPerMinute\":\"{{limit}}\"}}],\"edges\":[]}");
        Recipe recipe = new Recipe(UUID.randomUUID(), WORKSPACE, "r", null, graph, parameters, AT, AT);
        assertThat(SCHEMAS.violations("RecipeDocument", JsonApi.document(Representations.recipe(recipe)))).isEmpty();

        ComponentRegistry builtIns = ComponentRegistry.discover();
        assertThat(SCHEMAS.violations("ComponentDocument",
                JsonApi.document(Representations.component(new ComponentView("http", null, builtIns))))).isEmpty();
        var registration = new ComponentRegistration(UUID.randomUUID(), WORKSPACE, "acme", "acme.jar", null, AT);
        assertThat(SCHEMAS.violations("ComponentDocument", JsonApi.document(Representations.component(
                new ComponentView("acme", registration, new ComponentRegistry(List.of())))))).isEmpty();

        var json = new DeadLetters.DeadLetter(UUID.randomUUID(), WORKSPACE, UUID.randomUUID(), "flow-queue", "m-1", "gone", "{\"a\":1}".getBytes(), AT);
        var binary = new DeadLetters.DeadLetter(UUID.randomUUID(), WORKSPACE, null, "flow-queue", null, "bad", new byte[] {0, (byte) 255}, AT);
        ObjectNode jsonLetter = Representations.deadLetter(json);
        ObjectNode binaryLetter = Representations.deadLetter(binary);
        assertThat(SCHEMAS.violations("DeadLetterDocument", JsonApi.document(jsonLetter))).isEmpty();
        assertThat(SCHEMAS.violations("DeadLetterDocument", JsonApi.document(binaryLetter))).isEmpty();
        assertThat(jsonLetter.at("/attributes/payload/a").asInt()).isEqualTo(1);
        assertThat(binaryLetter.at("/attributes/payload_base64").asText()).isEqualTo("AP8=");
    }

    @Test
    void subscriptionsAndDeliveriesTheServerRendersMatchTheirSchemas() {
        UUID flow = UUID.randomUUID();
        WebhookSecret secret = WebhookSecret.generate(new SecureRandom());
        Subscription subscription = Subscription.create(UUID.randomUUID(), WORKSPACE, URI.create("https://example.com/hooks"),
                List.of(ChannelAddress.pattern("flow/*/error"), ChannelAddress.workspaceActivity(WORKSPACE)), true, secret, AT);
        var created = new SubscriptionService.WithSecret(subscription, secret);
        assertThat(SCHEMAS.violations("SubscriptionCreatedDocument", JsonApi.document(SubscriptionRepresentations.withSecret(created))))
                .isEmpty();
        assertThat(SCHEMAS.violations("SubscriptionDocument", JsonApi.document(SubscriptionRepresentations.subscription(
                subscription.disabled(AT.plusSeconds(9)))))).isEmpty();
        assertThat(JsonApi.document(SubscriptionRepresentations.subscription(subscription)).at("/data/attributes").has("secret")).isFalse();

        FlowErrorEvent error = new FlowErrorEvent(UUID.randomUUID(), WORKSPACE, UUID.randomUUID(), flow, "call",
                new StepError("HttpError", "503", ""), AT, false, 1);
        StoredEvent stored = new StoredEvent(42, error.eventId(), ChannelAddress.flowError(flow), error.name(), WORKSPACE, error.payload());
        Delivery pending = Delivery.of(UUID.randomUUID(), subscription.id(), stored, AT);
        DeliveryHistory retried = new DeliveryHistory(pending.failed(failures -> Optional.of(Duration.ofSeconds(5)), AT), List.of(
                new DeliveryAttempt(1, AT, null, 15_000, null, "No answer within 15 s"),
                new DeliveryAttempt(2, AT.plusSeconds(5), 500, 12, "x".repeat(2_000), null)), 2);
        DeliveryHistory done = new DeliveryHistory(pending.succeeded(), List.of(new DeliveryAttempt(1, AT, 204, 3, "", null)), 1);
        for (DeliveryHistory history : List.of(retried, done, new DeliveryHistory(pending, List.of(), 0))) {
            assertThat(SCHEMAS.violations("DeliveryDocument", JsonApi.document(SubscriptionRepresentations.delivery(history))))
                    .as(history.toString()).isEmpty();
        }
    }

    @Test
    void storedEventsMatchTheHistorySchema() {
        UUID flow = UUID.randomUUID();
        FlowErrorEvent error = new FlowErrorEvent(UUID.randomUUID(), WORKSPACE, UUID.randomUUID(), flow, "call",
                new StepError("HttpError", "503", ""), AT, false, 3);
        StoredEvent stored = new StoredEvent(42, error.eventId(), ChannelAddress.flowError(flow), error.name(), WORKSPACE,
                error.payload());
        ObjectNode page = Json.object();
        page.putArray("data").add(Representations.event(stored));
        page.putObject("meta").put("next_cursor", "42");
        assertThat(SCHEMAS.violations("EventPage", Json.parse(Json.text(page)))).as("the page as it is sent").isEmpty();
        assertThat(SCHEMAS.violations("ChannelPattern", Json.MAPPER.getNodeFactory().textNode("flow/*/error"))).isEmpty();
        assertThat(SCHEMAS.violations("ChannelPattern", Json.MAPPER.getNodeFactory().textNode("topic/orders"))).isNotEmpty();
    }

    @Test
    void topicsTheServerRendersMatchTheirSchemas() {
        Topic topic = new Topic(UUID.randomUUID(), WORKSPACE, "orders.created", Json.parse("{\"type\":\"object\"}"), 2, AT, AT);
        Topic plain = new Topic(UUID.randomUUID(), WORKSPACE, "orders", null, 1, AT, AT);
        TopicDetails details = new TopicDetails(topic, 7, List.of(
                new TopicDetails.SubscriptionStats(UUID.randomUUID(), "audit", true, 5, 0L),
                new TopicDetails.SubscriptionStats(UUID.randomUUID(), "billing", false, 2, null)));

        assertThat(SCHEMAS.violations("TopicDocument", JsonApi.document(TopicRepresentations.topic(plain)))).isEmpty();
        assertThat(SCHEMAS.violations("TopicDocument", JsonApi.document(TopicRepresentations.details(details)))).isEmpty();
        assertThat(SCHEMAS.violations("TopicVersionList", JsonApi.all(List.of(plain, topic), TopicRepresentations::version))).isEmpty();
        ObjectNode badTopic = JsonApi.document(TopicRepresentations.topic(plain));
        ((ObjectNode) badTopic.at("/data/attributes")).put("name", "orders.*");
        assertThat(SCHEMAS.violations("TopicDocument", badTopic)).as("the schema is not vacuous").isNotEmpty();
        TopicMessage message = new TopicMessage(UUID.randomUUID(), "orders", Json.object().put("a", 1), AT, null, "c-1");
        assertThat(SCHEMAS.violations("TopicMessage", message.toJson())).isEmpty();
    }
}
