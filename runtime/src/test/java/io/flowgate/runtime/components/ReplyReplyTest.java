package io.flowgate.runtime.components;

import static io.flowgate.runtime.components.Steps.emitted;
import static io.flowgate.runtime.components.Steps.object;
import static io.flowgate.runtime.components.Steps.single;
import static org.assertj.core.api.Assertions.assertThat;

import io.flowgate.core.Json;
import io.flowgate.runtime.component.StepResult;
import io.flowgate.runtime.component.TestStepContext;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReplyReplyTest {

    @Test
    void answersWithStatusHeadersAndTheBodyExpression() {
        var context = TestStepContext.of("{\"id\":42,\"name\":\"x\"}").withAttributes(object("{\"method\":\"POST\"}"));

        StepResult result = Steps.prepare("reply", "reply", """
                {"status":201,"headers":{"location":"/orders/42","x-kind":"order"},
                 "body":"{'created': id, 'via': $attributes.method}"}
                """).run(context);

        StepResult.HttpReply reply = emitted(result).reply();
        assertThat(reply.status()).isEqualTo(201);
        assertThat(reply.headers()).isEqualTo(Map.of("location", "/orders/42", "x-kind", "order"));
        assertThat(reply.body()).isEqualTo(Json.parse("{\"created\":42,\"via\":\"POST\"}"));
    }

    @Test
    void passesTheMessageOnUnchanged() {
        var context = TestStepContext.of("{\"id\":42}").withAttributes(object("{\"method\":\"POST\"}"));

        StepResult.Output output = single(Steps.prepare("reply", "reply", "{\"body\":\"{'other': 1}\"}").run(context));

        assertThat(output.body()).isEqualTo(context.body());
        assertThat(output.attributes()).isEqualTo(context.attributes());
        assertThat(output.target()).isNull();
    }

    @Test
    void defaultsAre200NoHeadersAndTheBody() {
        var context = TestStepContext.of("{\"id\":42}");

        StepResult.HttpReply reply = emitted(Steps.prepare("reply", "reply", "{}").run(context)).reply();

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.headers()).isEmpty();
        assertThat(reply.body()).isEqualTo(context.body());
    }

    @Test
    void aBodyExpressionGivingNothingAnswersWithoutABody() {
        StepResult.HttpReply reply = emitted(Steps.prepare("reply", "reply", "{\"status\":204,\"body\":\"nothing\"}")
                .run(TestStepContext.of("{}"))).reply();

        assertThat(reply.status()).isEqualTo(204);
        assertThat(reply.body().isMissingNode()).isTrue();
    }
}
