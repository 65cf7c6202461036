package io.flowgate.runtime.components;

import static io.flowgate.runtime.components.Steps.emitted;
import static io.flowgate.runtime.components.Steps.object;
import static io.flowgate.runtime.components.Steps.single;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flowgate.core.FlowgateException;
import io.flowgate.core.FlowgateException.Problem;
import io.flowgate.runtime.component.PreparedStep;
import io.flowgate.runtime.component.StepResult;
import io.flowgate.runtime.component.TestStepContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RouterRouteTest {

    private static final String BRANCHES = """
            [{"expression":"amount >= 1000","target":"big"},
             {"expression":"amount >= 100","target":"medium"},
             {"expression":"currency = 'EUR'","target":"euro"}]""";

    private static PreparedStep router(String fallback) {
        String defaultField = fallback == null ? "" : ",\"default\":\"" + fallback + "\"";
        return Steps.prepare("router", "route", "{\"branches\":" + BRANCHES + defaultField + "}");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"amount\":5000,\"currency\":\"EUR\"} | big",
            "{\"amount\":500,\"currency\":\"EUR\"}  | medium",
            "{\"amount\":5,\"currency\":\"EUR\"}    | euro",
            "{\"amount\":5,\"currency\":\"USD\"}    | small"})
    void sendsToTheFirstTrueBranchElseToTheDefault(String body, String target) {
        var context = TestStepContext.of(body).withAttributes(object("{\"k\":1}"));

        StepResult.Output output = single(router("small").run(context));

        assertThat(output.target()).isEqualTo(target);
        assertThat(output.body()).isEqualTo(context.body());
        assertThat(output.attributes()).isEqualTo(context.attributes());
    }

    @Test
    void dropsTheMessageWhenNoBranchHoldsAndThereIsNoDefault() {
        assertThat(emitted(router(null).run(TestStepContext.of("{\"amount\":5,\"currency\":\"USD\"}"))).outputs()).isEmpty();
    }

    @Test
    void aBranchWhoseConditionGivesNothingDoesNotHold() {
        assertThat(single(router("small").run(TestStepContext.of("{}"))).target()).isEqualTo("small");
    }

    @Test
    void aSyntaxErrorPointsAtItsBranch() {
        assertThatThrownBy(() -> Steps.prepare("router", "route",
                "{\"branches\":[{\"expression\":\"true\",\"target\":\"a\"},{\"expression\":\"(\",\"target\":\"b\"}]}"))
                .isInstanceOfSatisfying(FlowgateException.class, e -> assertThat(e.problems())
                        .extracting(Problem::pointer).containsExactly("/fields/branches/1/expression"));
    }
}
