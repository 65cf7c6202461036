package io.flowgate.runtime.components;

import static io.flowgate.runtime.components.Steps.bodies;
import static io.flowgate.runtime.components.Steps.emitted;
import static io.flowgate.runtime.components.Steps.failed;
import static io.flowgate.runtime.components.Steps.object;
import static org.assertj.core.api.Assertions.assertThat;

import io.flowgate.core.Json;
import io.flowgate.runtime.component.StepResult;
import io.flowgate.runtime.component.TestStepContext;
import org.junit.jupiter.api.Test;

class SplitSplitTest {

    private static StepResult split(String expression, String body) {
        return Steps.prepare("split", "split", "{\"expression\":\"" + expression + "\"}")
                .run(TestStepContext.of(body).withAttributes(object("{\"batch\":\"b1\"}")));
    }

    @Test
    void anArrayGivesOneMessagePerElementInOrder() {
        StepResult result = split("items", "{\"items\":[{\"n\":1},{\"n\":2},{\"n\":3}]}");

        assertThat(bodies(result)).containsExactly(Json.parse("{\"n\":1}"), Json.parse("{\"n\":2}"), Json.parse("{\"n\":3}"));
        assertThat(emitted(result).outputs()).allSatisfy(output -> {
            assertThat(output.attributes()).isEqualTo(object("{\"batch\":\"b1\"}"));
            assertThat(output.target()).isNull();
        });
    }

    @Test
    void aComputedArrayIsSplitToo() {
        assertThat(bodies(split("items.(n * 10)", "{\"items\":[{\"n\":1},{\"n\":2}]}")))
                .containsExactly(Json.parse("10"), Json.parse("20"));
    }

    @Test
    void aSingleValueGivesOneMessage() {
        assertThat(bodies(split("order", "{\"order\":{\"id\":9}}"))).containsExactly(Json.parse("{\"id\":9}"));
        assertThat(bodies(split("count", "{\"count\":4}"))).containsExactly(Json.parse("4"));
    }

    @Test
    void aOneElementArrayGivesOneMessage() {
        assertThat(bodies(split("items", "{\"items\":[{\"n\":1}]}"))).containsExactly(Json.parse("{\"n\":1}"));
    }

    @Test
    void anEmptyArrayOrNothingGivesNoMessage() {
        assertThat(bodies(split("items", "{\"items\":[]}"))).isEmpty();
        assertThat(bodies(split("nope", "{}"))).isEmpty();
    }

    @Test
    void atMostTenThousandItems() {
        assertThat(bodies(split("[1..10000]", "{}"))).hasSize(10_000);

        StepResult.Fail fail = failed(split("[1..10001]", "{}"));

        assertThat(fail.error().name()).isEqualTo("SplitTooLarge");
        assertThat(fail.error().message()).contains("10001").contains("10000");
        assertThat(fail.retryable()).isFalse();
    }
}
