package io.flowgate.runtime.components;

import static io.flowgate.runtime.components.Steps.failed;
import static io.flowgate.runtime.components.Steps.object;
import static io.flowgate.runtime.components.Steps.single;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flowgate.core.FlowgateException;
import io.flowgate.core.FlowgateException.Problem;
import io.flowgate.core.Json;
import io.flowgate.core.flow.FlowNode;
import io.flowgate.runtime.component.JsonataExpression.EvaluationException;
import io.flowgate.runtime.component.StepResult;
import io.flowgate.runtime.component.TestStepContext;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** log, delay, fail and topic publish: the components with one thing to do. */
class SmallComponentsTest {

    private static final TestStepContext CONTEXT =
            TestStepContext.of("{\"order\":7}").withAttributes(object("{\"method\":\"POST\"}"));

    @ParameterizedTest
    @ValueSource(strings = {"{}", "{\"level\":\"trace\"}", "{\"level\":\"error\",\"expression\":\"order * 2\"}"})
    void logPassesTheMessageOnUnchanged(String fields) {
        StepResult.Output output = single(Steps.prepare("log", "log", fields).run(CONTEXT));

        assertThat(output.body()).isEqualTo(CONTEXT.body());
        assertThat(output.attributes()).isEqualTo(CONTEXT.attributes());
        assertThat(output.delay()).isZero();
    }

    @Test
    void logReportsABadExpressionLikeAnyStep() {
        var step = Steps.prepare("log", "log", "{\"level\":\"error\",\"expression\":\"$error('no')\"}");

        assertThatThrownBy(() -> step.run(CONTEXT)).isInstanceOf(EvaluationException.class);
    }

    @Test
    void delayHoldsTheMessageBackForItsMilliseconds() {
        StepResult.Output output = single(Steps.prepare("delay", "delay", "{\"ms\":1500}").run(CONTEXT));

        assertThat(output.delay()).isEqualTo(Duration.ofMillis(1500));
        assertThat(output.body()).isEqualTo(CONTEXT.body());
        assertThat(output.attributes()).isEqualTo(CONTEXT.attributes());
        assertThat(output.target()).isNull();
    }

    @Test
    void aZeroDelayIsNoDelay() {
        assertThat(single(Steps.prepare("delay", "delay", "{\"ms\":0}").run(CONTEXT)).delay()).isZero();
    }

    @Test
    void failFailsPermanentlyByDefault() {
        StepResult.Fail fail = failed(Steps.prepare("fail", "fail", "{}").run(CONTEXT));

        assertThat(fail.error().name()).isEqualTo("Error");
        assertThat(fail.error().message()).isEqualTo("Failed on purpose");
        assertThat(fail.error().stack()).isEmpty();
        assertThat(fail.retryable()).isFalse();
    }

    @Test
    void failUsesItsNameMessageAndRetryableFlag() {
        StepResult.Fail fail = failed(Steps.prepare("fail", "fail",
                "{\"name\":\"PaymentDeclined\",\"message\":\"card expired\",\"retryable\":true}").run(CONTEXT));

        assertThat(fail.error().name()).isEqualTo("PaymentDeclined");
        assertThat(fail.error().message()).isEqualTo("card expired");
        assertThat(fail.retryable()).isTrue();
    }

    @Test
    void topicPublishPublishesTheBodyAndPassesTheMessageOn() {
        var context = TestStepContext.of("{\"order\":7}").withAttributes(object("{\"method\":\"POST\"}"));

        StepResult.Output output = single(Steps.prepare("topic", "publish", "{\"topic\":\"orders\"}").run(context));

        assertThat(context.published()).containsExactly(
                new TestStepContext.Published("orders", Json.parse("{\"order\":7}")));
        assertThat(output.body()).isEqualTo(context.body());
        assertThat(output.attributes()).isEqualTo(context.attributes());
    }

    @Test
    void topicPublishToAnUnknownTopicFailsForGood() {
        var context = CONTEXT.withTopicFailure(FlowgateException.notFound("Topic 'orders' does not exist"));

        StepResult.Fail fail = failed(Steps.prepare("topic", "publish", "{\"topic\":\"orders\"}").run(context));

        assertThat(fail.error().name()).isEqualTo("TopicNotFound");
        assertThat(fail.error().message()).contains("'orders'");
        assertThat(fail.retryable()).isFalse();
    }

    @Test
    void topicPublishOfDataTheSchemaRefusesFailsForGoodNamingEveryProblem() {
        var context = CONTEXT.withTopicFailure(FlowgateException.unprocessable("The data does not match topic 'orders'",
                List.of(Problem.at("/orderId", "integer found, string expected"), Problem.at("", "more"))));

        StepResult.Fail fail = failed(Steps.prepare("topic", "publish", "{\"topic\":\"orders\"}").run(context));

        assertThat(fail.error().name()).isEqualTo("TopicMessageInvalid");
        assertThat(fail.error().message()).isEqualTo(
                "The data does not match topic 'orders': /orderId integer found, string expected; (the whole value) more");
        assertThat(fail.retryable()).isFalse();
    }

    @Test
    void topicPublishIsTriedAgainWhenTheBrokerDoesNotConfirm() {
        var context = CONTEXT.withTopicFailure(FlowgateException.unavailable("no confirm", null));

        StepResult.Fail fail = failed(Steps.prepare("topic", "publish", "{\"topic\":\"orders\"}").run(context));

        assertThat(fail.error().name()).isEqualTo("TopicUnavailable");
        assertThat(fail.retryable()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"orders*", "orders..x", ".orders", "a b", "#"})
    void topicStepsRefuseNamesThatCannotBeRoutingKeys(String name) {
        var fields = Json.object().put("topic", name);

        for (String function : List.of("publish", "subscribe")) {
            var node = new FlowNode("step", "topic", function, fields, null);
            assertThat(Steps.REGISTRY.checkFields(node, "/fields")).extracting(Problem::pointer).containsExactly("/fields/topic");
        }
    }
}
