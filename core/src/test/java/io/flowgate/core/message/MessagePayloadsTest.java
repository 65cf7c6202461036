package io.flowgate.core.message;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flowgate.core.Json;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The JSON of the spec's trigger messages (CONTRACT.md §1): exact field names, platform additions. */
class MessagePayloadsTest {

    private static final UUID ID = UUID.fromString("01890a5d-ac96-7000-8000-000000000001");
    private static final UUID FLOW = UUID.fromString("01890a5d-ac96-7000-8000-000000000002");
    private static final Instant AT = Instant.parse("2026-11-27T10:00:00.5Z");

    private static List<String> names(JsonNode json) {
        List<String> names = new ArrayList<>();
        json.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void topicMessageHasIdTopicNameDataAndMetadata() {
        JsonNode data = Json.parse("{\"orderId\":42}");
        var message = new TopicMessage(ID, "orders", data, AT, FLOW, "corr-1");

        ObjectNode json = message.toJson();

        assertThat(names(json)).containsExactly("id", "topicName", "data", "metadata");
        assertThat(json.get("id").asText()).isEqualTo(ID.toString());
        assertThat(json.get("topicName").asText()).isEqualTo("orders");
        assertThat(json.get("data")).isEqualTo(data);
        assertThat(names(json.get("metadata"))).containsExactlyInAnyOrder("publishedAt", "sourceFlowId", "correlationId");
        assertThat(json.at("/metadata/publishedAt").asText()).isEqualTo("2026-11-27T10:00:00.500Z");
        assertThat(json.at("/metadata/sourceFlowId").asText()).isEqualTo(FLOW.toString());
        assertThat(json.at("/metadata/correlationId").asText()).isEqualTo("corr-1");
    }

    @Test
    void topicMessageNotSentByAFlowHasOnlyPublishedAt() {
        var message = new TopicMessage(ID, "orders", Json.object(), AT, null, null);

        assertThat(names(message.toJson().get("metadata"))).containsExactly("publishedAt");
    }

    @Test
    void webhookTriggerMessageHasTheSpecFieldsAndThePlatformAdditions() {
        ObjectNode body = (ObjectNode) Json.parse("{\"a\":[1,2]}");
        var message = new WebhookTriggerMessage(Map.of("content-type", "application/json"), body,
                Map.of("page", "2"), "POST", "/extra/path", ID, AT);

        ObjectNode json = message.toJson();

        assertThat(names(json)).containsExactlyInAnyOrder("headers", "body", "queryParameters", "method",
                "path", "requestId", "receivedAt");
        assertThat(json.at("/headers/content-type").asText()).isEqualTo("application/json");
        assertThat(json.get("body")).isEqualTo(body);
        assertThat(json.at("/queryParameters/page").asText()).isEqualTo("2");
        assertThat(json.get("method").asText()).isEqualTo("POST");
        assertThat(json.get("path").asText()).isEqualTo("/extra/path");
        assertThat(json.get("requestId").asText()).isEqualTo(ID.toString());
        assertThat(json.get("receivedAt").asText()).isEqualTo("2026-11-27T10:00:00.500Z");
    }

    @Test
    void webhookHeadersAndQueryAreObjectsOfStrings() {
        var message = new WebhookTriggerMessage(Map.of(), Json.object(), Map.of(), "GET", "", ID, AT);

        ObjectNode json = message.toJson();

        assertThat(json.get("headers").isObject()).isTrue();
        assertThat(json.get("queryParameters").isObject()).isTrue();
        assertThat(json.get("body").isObject()).isTrue();
    }
}
