package io.flowgate.runtime.topics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flowgate.core.FlowgateException;
import io.flowgate.core.Ids;
import io.flowgate.core.Json;
import io.flowgate.core.message.TopicMessage;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IncomingTopicMessageTest {

    private static final Instant ARRIVED = Instant.parse("2026-11-27T10:00:01.500Z");
    private static final UUID ID = UUID.fromString("6a1f0d2e-3b4c-4d5e-8f60-718293a4b5c6");
    private static final UUID FLOW = UUID.fromString("3f2a9c1e-8d47-4b6a-a5e2-0c9d8b7a6f51");

    @Test
    void aCompleteTopicMessageIsTakenAsItIs() {
        TopicMessage message = read("""
                {"id":"6a1f0d2e-3b4c-4d5e-8f60-718293a4b5c6","topicName":"orders","data":{"orderId":4711},
                 "metadata":{"publishedAt":"2026-11-27T10:00:00.12Z","sourceFlowId":"3f2a9c1e-8d47-4b6a-a5e2-0c9d8b7a6f51",
                             "correlationId":"chain-1"}}
                """, "something else");

        assertThat(message).isEqualTo(new TopicMessage(ID, "orders", Json.object().put("orderId", 4711),
                Instant.parse("2026-11-27T10:00:00.120Z"), FLOW, "chain-1"));
    }

    @Test
    void whatIsMissingIsFilledInTheIdFromTheAmqpMessageId() {
        TopicMessage message = read("{\"data\":{\"a\":1}}", ID.toString());

        assertThat(message).isEqualTo(new TopicMessage(ID, "orders", Json.object().put("a", 1), ARRIVED, null, ID.toString()));
    }

    @Test
    void anyOtherObjectIsTheData() {
        TopicMessage message = read("{\"data\":{\"a\":1},\"more\":true}", "order-17");

        assertThat(message.data()).isEqualTo(Json.parse("{\"data\":{\"a\":1},\"more\":true}"));
        assertThat(message.id()).isEqualTo(Ids.derive("amqp-message-id", "order-17"));
        assertThat(message.correlationId()).isEqualTo(message.id().toString());
        assertThat(message.publishedAt()).isEqualTo(ARRIVED);
    }

    @Test
    void withoutAnyIdTheMessageGetsANewOne() {
        assertThat(read("{\"a\":1}", null).id()).isNotEqualTo(read("{\"a\":1}", null).id());
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "not json", "[1,2]", "\"text\"",
            "{\"id\":\"nope\",\"data\":{}}",
            "{\"topicName\":\"payments\",\"data\":{}}",
            "{\"data\":{},\"metadata\":[]}",
            "{\"data\":{},\"metadata\":{\"publishedAt\":\"yesterday\"}}",
            "{\"data\":{},\"metadata\":{\"sourceFlowId\":42}}",
            "{\"data\":{},\"metadata\":{\"correlationId\":7}}"})
    void anythingElseIsRefusedSayingWhat(String body) {
        assertThatThrownBy(() -> read(body, null)).isInstanceOfSatisfying(FlowgateException.class, e -> {
            assertThat(e.kind()).isEqualTo(FlowgateException.Kind.INVALID_INPUT);
            assertThat(e.getMessage()).isNotBlank();
        });
    }

    @Test
    void aCorrelationIdHasAtMost200Characters() {
        String body = "{\"data\":{},\"metadata\":{\"correlationId\":\"" + "c".repeat(201) + "\"}}";

        assertThatThrownBy(() -> read(body, null)).hasMessageContaining("correlationId");
    }

    @Test
    void dataThatIsNoObjectIsLeftToTheTopicCheck() {
        assertThat(read("{\"data\":[1]}", null).data()).isEqualTo(Json.array().add(1));
    }

    private static TopicMessage read(String body, String amqpMessageId) {
        return IncomingTopicMessage.read(body.getBytes(StandardCharsets.UTF_8), amqpMessageId, "orders", ARRIVED);
    }
}
