package io.flowgate.runtime.flow;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.flowgate.core.Json;
import io.flowgate.core.flow.FlowGraphJson;
import io.flowgate.runtime.component.ComponentRegistry;
import io.flowgate.runtime.component.TestStepContext;
import io.flowgate.runtime.flow.FlowFixtures.Fixture;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The example of each valid fixture (body in, status, step runs, reply, published out) holds. */
class FlowFixtureExamplesTest {

    private static final ComponentRegistry COMPONENTS = ComponentRegistry.discover();

    static List<Fixture> withExamples() {
        return FlowFixtures.valid().stream().filter(f -> f.json().has("example")).toList();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("withExamples")
    void theExampleRunsAsDescribed(Fixture fixture) {
        JsonNode example = fixture.json().get("example");

        FixtureRun.Outcome outcome = FixtureRun.run(FlowGraphJson.read(fixture.graph(), ""), COMPONENTS, example.get("body"));

        assertThat(outcome.status()).isEqualTo(example.get("status").asText());
        assertThat(outcome.stepCount()).isEqualTo(example.get("stepCount").asInt());
        if (example.has("reply")) {
            JsonNode reply = example.get("reply");
            assertThat(outcome.reply()).isNotNull();
            assertThat(outcome.reply().status()).isEqualTo(reply.get("status").asInt());
            assertThat(Json.tree(outcome.reply().headers())).isEqualTo(reply.path("headers"));
            assertThat(outcome.reply().body()).isEqualTo(reply.get("body"));
        } else {
            assertThat(outcome.reply()).isNull();
        }
        if (example.has("published")) {
            List<TestStepContext.Published> expected = new ArrayList<>();
            example.get("published").forEach(p -> expected.add(new TestStepContext.Published(p.get("topic").asText(), p.get("data"))));
            assertThat(outcome.published()).containsExactlyElementsOf(expected);
        }
    }

    @org.junit.jupiter.api.Test
    void mostValidFixturesHaveAnExample() {
        assertThat(withExamples()).hasSizeGreaterThanOrEqualTo(FlowFixtures.valid().size() - 1);
        assertThat(withExamples()).allSatisfy(f -> assertThat(f.json().at("/example/status").asText())
                .isIn(Map.of("completed", 1, "failed", 1).keySet()));
    }
}
