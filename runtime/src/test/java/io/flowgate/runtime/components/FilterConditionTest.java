package io.flowgate.runtime.components;

import static io.flowgate.runtime.components.Steps.emitted;
import static io.flowgate.runtime.components.Steps.object;
import static io.flowgate.runtime.components.Steps.single;
import static org.assertj.core.api.Assertions.assertThat;

import io.flowgate.runtime.component.StepResult;
import io.flowgate.runtime.component.TestStepContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FilterConditionTest {

    private static StepResult run(String condition, String body) {
        return Steps.prepare("filter", "condition", "{\"expression\":\"" + condition + "\"}")
                .run(TestStepContext.of(body).withAttributes(object("{\"k\":\"v\"}")));
    }

    @ParameterizedTest(name = "{0} passes: {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "true              | true",
            "false             | false",
            "amount > 100      | true",
            "amount > 1000     | false",
            "1                 | true",
            "0                 | false",
            "'x'               | true",
            "''                | false",
            "[1]               | true",
            "[0, '']           | false",
            "[]                | false",
            "{'a': 1}          | true",
            "{}                | false",
            "null              | false",
            "nothing           | false",
            "$exists(amount)   | true"})
    void passesTheMessageOnlyWhenTheConditionIsTruthyInJsonata(String condition, boolean passes) {
        StepResult result = run(condition, "{\"amount\":250}");

        assertThat(emitted(result).outputs()).hasSize(passes ? 1 : 0);
        assertThat(emitted(result).reply()).isNull();
    }

    @Test
    void aPassingMessageGoesOnUnchanged() {
        StepResult.Output output = single(run("amount > 100", "{\"amount\":250}"));

        assertThat(output.body()).isEqualTo(TestStepContext.of("{\"amount\":250}").body());
        assertThat(output.attributes()).isEqualTo(object("{\"k\":\"v\"}"));
        assertThat(output.target()).isNull();
    }
}
