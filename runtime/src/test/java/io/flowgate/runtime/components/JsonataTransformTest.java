package io.flowgate.runtime.components;

import static io.flowgate.runtime.components.Steps.object;
import static io.flowgate.runtime.components.Steps.single;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flowgate.core.FlowgateException;
import io.flowgate.core.FlowgateException.Problem;
import io.flowgate.core.Json;
import io.flowgate.runtime.component.JsonataExpression.EvaluationException;
import io.flowgate.runtime.component.StepResult;
import io.flowgate.runtime.component.TestStepContext;
import org.junit.jupiter.api.Test;

class JsonataTransformTest {

    @Test
    void mapsTheBodyAndKeepsTheAttributes() {
        var context = TestStepContext.of("{\"first\":\"Ada\",\"last\":\"Lovelace\",\"items\":[{\"p\":2},{\"p\":3}]}")
                .withAttributes(object("{\"method\":\"POST\"}"));

        StepResult.Output output = single(Steps.prepare("jsonata", "transform",
                "{\"expression\":\"{'name': first & ' ' & last, 'total': $sum(items.p)}\"}").run(context));

        assertThat(output.body()).isEqualTo(Json.parse("{\"name\":\"Ada Lovelace\",\"total\":5}"));
        assertThat(output.attributes()).isEqualTo(context.attributes());
        assertThat(output.target()).isNull();
    }

    @Test
    void seesWhereTheMessageIs() {
        var context = TestStepContext.of("{}").withAttributes(object("{\"method\":\"PUT\"}")).withStep("map", 3);

        StepResult.Output output = single(Steps.prepare("jsonata", "transform",
                "{\"expression\":\"[$attributes.method, $stepId, $attempt, $executionId, $flowId]\"}").run(context));

        assertThat(output.body()).isEqualTo(Json.parse("[\"PUT\",\"map\",3,\"%s\",\"%s\"]"
                .formatted(TestStepContext.EXECUTION_ID, TestStepContext.FLOW_ID)));
    }

    @Test
    void nothingAndNullBothGiveANullBody() {
        var context = TestStepContext.of("{\"a\":null}");

        assertThat(single(Steps.prepare("jsonata", "transform", "{\"expression\":\"missing\"}").run(context)).body().isNull())
                .isTrue();
        assertThat(single(Steps.prepare("jsonata", "transform", "{\"expression\":\"a\"}").run(context)).body().isNull())
                .isTrue();
    }

    @Test
    void anEvaluationErrorIsThrownForTheEngineToReport() {
        var step = Steps.prepare("jsonata", "transform", "{\"expression\":\"$error('bad order')\"}");

        assertThatThrownBy(() -> step.run(TestStepContext.of("{}")))
                .isInstanceOf(EvaluationException.class).hasMessageContaining("bad order");
    }

    @Test
    void aSyntaxErrorIsFoundWhenPreparedWithThePointerOfTheField() {
        assertThatThrownBy(() -> Steps.prepare("jsonata", "transform", "{\"expression\":\"{'a': \"}"))
                .isInstanceOfSatisfying(FlowgateException.class,
                        e -> assertThat(e.problems()).extracting(Problem::pointer).containsExactly("/fields/expression"));
    }
}
