package io.flowgate.runtime.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flowgate.core.FlowgateException;
import io.flowgate.core.Json;
import io.flowgate.core.message.StepMessage;
import io.flowgate.core.message.StepMessage.TraceContext;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StepMessageCodecTest {

    private static final UUID MESSAGE = UUID.fromString("01890a5d-ac96-7000-8000-000000000001");
    private static final UUID PARENT = UUID.fromString("01890a5d-ac96-7000-8000-000000000002");
    private static final UUID EXECUTION = UUID.fromString("01890a5d-ac96-7000-8000-000000000003");
    private static final UUID FLOW = UUID.fromString("01890a5d-ac96-7000-8000-000000000004");
    private static final UUID WORKSPACE = UUID.fromString("01890a5d-ac96-7000-8000-000000000005");
    private static final UUID REQUEST = UUID.fromString("01890a5d-ac96-7000-8000-000000000006");

    private static StepMessage full() {
        return new StepMessage(MESSAGE, PARENT, EXECUTION, FLOW, WORKSPACE, 3, "map", 2,
                Json.parse("{\"order\":{\"id\":7,\"lines\":[1,2,null]},\"note\":\"ü ✓\"}"),
                (ObjectNode) Json.parse("{\"method\":\"POST\",\"headers\":{\"x\":\"1\"}}"),
                new TraceContext(REQUEST, "corr-1", "flowgate.replies.node-1"));
    }

    private static StepMessage trigger() {
        return new StepMessage(MESSAGE, null, EXECUTION, FLOW, WORKSPACE, 1, "hook", 1, Json.parse("[1,\"two\"]"),
                Json.object(), new TraceContext(null, null, null));
    }

    private static void assertInvalid(String json) {
        assertThatThrownBy(() -> StepMessageCodec.decode(json.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOfSatisfying(FlowgateException.class,
                        e -> assertThat(e.kind()).isEqualTo(FlowgateException.Kind.INVALID_INPUT));
    }

    @Test
    void encodeThenDecodeGivesTheSameMessage() {
        assertThat(StepMessageCodec.decode(StepMessageCodec.encode(full()))).isEqualTo(full());
    }

    @Test
    void aTriggerMessageWithoutParentRequestCorrelationOrReplyRoundTrips() {
        StepMessage decoded = StepMessageCodec.decode(StepMessageCodec.encode(trigger()));

        assertThat(decoded).isEqualTo(trigger());
        assertThat(decoded.isTrigger()).isTrue();
        assertThat(decoded.trace().correlationId()).isNull();
        assertThat(decoded.trace().replyTo()).isNull();
    }

    @Test
    void aNullBodyRoundTrips() {
        StepMessage message = new StepMessage(MESSAGE, PARENT, EXECUTION, FLOW, WORKSPACE, 1, "map", 1,
                Json.parse("null"), Json.object(), new TraceContext(null, "c", null));

        assertThat(StepMessageCodec.decode(StepMessageCodec.encode(message)).body().isNull()).isTrue();
    }

    @Test
    void listsRoundTrip() {
        List<StepMessage> messages = List.of(full(), trigger());

        assertThat(StepMessageCodec.fromJsonArray(StepMessageCodec.toJsonArray(messages))).isEqualTo(messages);
        assertThat(StepMessageCodec.fromJsonArray(Json.array())).isEmpty();
    }

    @Test
    void theJsonNamesEveryPart() {
        ObjectNode json = StepMessageCodec.toJson(full());

        assertThat(json.get("messageId").asText()).isEqualTo(MESSAGE.toString());
        assertThat(json.get("parentMessageId").asText()).isEqualTo(PARENT.toString());
        assertThat(json.get("executionId").asText()).isEqualTo(EXECUTION.toString());
        assertThat(json.get("flowVersion").asInt()).isEqualTo(3);
        assertThat(json.get("stepId").asText()).isEqualTo("map");
        assertThat(json.get("attempt").asInt()).isEqualTo(2);
        assertThat(json.at("/trace/requestId").asText()).isEqualTo(REQUEST.toString());
        assertThat(json.at("/trace/correlationId").asText()).isEqualTo("corr-1");
        assertThat(json.at("/trace/replyTo").asText()).isEqualTo("flowgate.replies.node-1");
    }

    @Test
    void theInputIsTheBodyAndAttributes() {
        assertThat(StepMessageCodec.input(full()))
                .isEqualTo(Json.parse("{\"body\":" + full().body() + ",\"attributes\":" + full().attributes() + "}"));
    }

    @Test
    void aMissingAttemptIsTheFirst() {
        ObjectNode json = StepMessageCodec.toJson(full());
        json.remove("attempt");

        assertThat(StepMessageCodec.fromJson(json).attempt()).isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "not json", "{", "[]", "42", "null", "{}", "{\"messageId\":7}"})
    void undecodableBytesAreInvalidInput(String text) {
        assertInvalid(text);
    }

    @ParameterizedTest
    @ValueSource(strings = {"messageId", "executionId", "flowId", "workspaceId", "stepId", "flowVersion"})
    void aMissingRequiredPartIsInvalidInput(String field) {
        ObjectNode json = StepMessageCodec.toJson(full());
        json.remove(field);

        assertInvalid(json.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"messageId", "parentMessageId", "executionId", "flowId", "workspaceId"})
    void aMalformedIdIsInvalidInput(String field) {
        ObjectNode json = StepMessageCodec.toJson(full());
        json.put(field, "1-1-1-1-1");

        assertInvalid(json.toString());
    }

    @Test
    void aMalformedRequestIdIsInvalidInput() {
        ObjectNode json = StepMessageCodec.toJson(full());
        ((ObjectNode) json.get("trace")).put("requestId", "nope");

        assertInvalid(json.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"3\"", "0", "-1", "1.5", "null"})
    void aFlowVersionThatIsNotAPositiveWholeNumberIsInvalidInput(String version) {
        String json = StepMessageCodec.toJson(full()).toString().replace("\"flowVersion\":3", "\"flowVersion\":" + version);

        assertInvalid(json);
    }

    @Test
    void anEmptyStepIdIsInvalidInput() {
        ObjectNode json = StepMessageCodec.toJson(full());
        json.put("stepId", "");

        assertInvalid(json.toString());
    }

    @Test
    void aHandOffNamesTheNextMessageAndCountsAsOneEmitted() {
        var handOff = StepMessageCodec.handOff(full());

        assertThat(handOff).hasSize(1);
        assertThat(StepMessageCodec.handedOff(handOff)).contains(new StepMessageCodec.HandedOff(MESSAGE, 2));
    }

    @Test
    void emittedMessagesAreNoHandOff() {
        assertThat(StepMessageCodec.handedOff(StepMessageCodec.toJsonArray(List.of(full())))).isEmpty();
        assertThat(StepMessageCodec.handedOff(StepMessageCodec.toJsonArray(List.of(full(), trigger())))).isEmpty();
        assertThat(StepMessageCodec.handedOff(Json.array())).isEmpty();
    }
}
