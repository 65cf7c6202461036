package io.flowgate.runtime.components;

import static io.flowgate.runtime.components.Steps.object;
import static io.flowgate.runtime.components.Steps.single;
import static org.assertj.core.api.Assertions.assertThat;

import io.flowgate.core.Json;
import io.flowgate.core.message.TopicMessage;
import io.flowgate.core.message.WebhookTriggerMessage;
import io.flowgate.runtime.component.StepResult;
import io.flowgate.runtime.component.TestStepContext;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class TriggerFunctionTest {

    private static final UUID REQUEST = UUID.fromString("01890a5d-ac96-7000-8000-000000000042");
    private static final Instant AT = Instant.parse("2026-11-27T10:00:00Z");

    @Test
    void webhookHandsOnTheRequestBodyAndKeepsTheRestAsAttributes() {
        var request = new WebhookTriggerMessage(Map.of("content-type", "application/json"), object("{\"order\":7}"),
                Map.of("dry", "true"), "POST", "/orders", REQUEST, AT);
        var context = TestStepContext.of(request.toJson()).withAttributes(object("{\"earlier\":1}"));

        StepResult.Output output = single(Steps.prepare("webhook", "receive", "{\"auth\":{\"type\":\"none\"}}").run(context));

        assertThat(output.body()).isEqualTo(Json.parse("{\"order\":7}"));
        assertThat(output.attributes()).isEqualTo(Json.parse("""
                {"earlier":1,"headers":{"content-type":"application/json"},"queryParameters":{"dry":"true"},
                 "method":"POST","path":"/orders","requestId":"%s","receivedAt":"2026-11-27T10:00:00.000Z"}
                """.formatted(REQUEST)));
        assertThat(output.target()).isNull();
        assertThat(output.delay()).isEqualTo(Duration.ZERO);
        assertThat(context.attributes()).as("the context's attributes are not changed")
                .isEqualTo(Json.parse("{\"earlier\":1}"));
    }

    @Test
    void webhookPassesOnAMessageThatIsNotAWebhookRequest() {
        var context = TestStepContext.of("{\"just\":\"data\"}");

        StepResult.Output output = single(Steps.prepare("webhook", "receive", "{}").run(context));

        assertThat(output.body()).isEqualTo(Json.parse("{\"just\":\"data\"}"));
        assertThat(output.attributes()).isEmpty();
    }

    @Test
    void topicSubscriptionHandsOnTheDataAndKeepsTheRestAsAttributes() {
        UUID source = UUID.fromString("01890a5d-ac96-7000-8000-0000000000f2");
        var message = new TopicMessage(REQUEST, "orders", Json.parse("{\"order\":7}"), AT, source, "c-1");

        StepResult.Output output = single(Steps.prepare("topic", "subscribe", "{\"topic\":\"orders\"}")
                .run(TestStepContext.of(message.toJson())));

        assertThat(output.body()).isEqualTo(Json.parse("{\"order\":7}"));
        assertThat(output.attributes().get("id").asText()).isEqualTo(REQUEST.toString());
        assertThat(output.attributes().get("topicName").asText()).isEqualTo("orders");
        assertThat(output.attributes().at("/metadata/sourceFlowId").asText()).isEqualTo(source.toString());
        assertThat(output.attributes().has("data")).isFalse();
    }

    @Test
    void scheduleHandsOnWhatItGets() {
        var context = TestStepContext.of("{\"tick\":\"2026-11-27T10:00:00.000Z\"}").withAttributes(object("{\"a\":1}"));

        StepResult.Output output = single(Steps.prepare("schedule", "cron", "{\"cron\":\"*/5 * * * *\"}").run(context));

        assertThat(output.body()).isEqualTo(context.body());
        assertThat(output.attributes()).isEqualTo(context.attributes());
    }
}
