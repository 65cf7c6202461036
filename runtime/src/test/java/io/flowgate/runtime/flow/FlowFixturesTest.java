package io.flowgate.runtime.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.flowgate.core.FlowgateException;
import io.flowgate.core.FlowgateException.Problem;
import io.flowgate.core.flow.FlowGraph;
import io.flowgate.core.flow.FlowGraphJson;
import io.flowgate.core.flow.FlowNode;
import io.flowgate.runtime.component.ComponentRegistry;
import io.flowgate.runtime.flow.FlowFixtures.Fixture;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every valid fixture validates; every invalid one fails with exactly its expected pointers. */
class FlowFixturesTest {

    private static final ComponentRegistry COMPONENTS = ComponentRegistry.discover();
    private static final FlowGraphValidator VALIDATOR = new FlowGraphValidator(COMPONENTS);

    static List<Fixture> valid() {
        return FlowFixtures.valid();
    }

    static List<Fixture> invalid() {
        return FlowFixtures.invalid();
    }

    private static FlowGraph readAndValidate(Fixture fixture) {
        FlowGraph graph = FlowGraphJson.read(fixture.graph(), "");
        VALIDATOR.validate(graph, "");
        return graph;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("valid")
    void aValidFixtureValidates(Fixture fixture) {
        assertThat(fixture.description()).isNotBlank();
        assertThatCode(() -> readAndValidate(fixture)).doesNotThrowAnyException();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalid")
    void anInvalidFixtureFailsWithExactlyItsExpectedProblems(Fixture fixture) {
        assertThat(fixture.description()).isNotBlank();
        assertThat(fixture.expectedProblems()).isNotEmpty();
        try {
            readAndValidate(fixture);
        } catch (FlowgateException e) {
            assertThat(e.kind()).isEqualTo(FlowgateException.Kind.UNPROCESSABLE);
            assertThat(e.problems()).allSatisfy(p -> assertThat(p.detail()).isNotBlank());
            assertThat(e.problems()).extracting(Problem::pointer)
                    .as("problems: %s", e.problems())
                    .containsExactlyInAnyOrderElementsOf(fixture.expectedProblems());
            return;
        }
        throw new AssertionError(fixture.name() + " validated, but should fail with " + fixture.expectedProblems());
    }

    @Test
    void theValidFixturesUseEveryBuiltInComponentFunction() {
        Set<String> used = FlowFixtures.valid().stream()
                .flatMap(f -> FlowGraphJson.read(f.graph(), "").nodes().stream())
                .map(FlowNode::componentId).collect(Collectors.toSet());
        Set<String> usedFunctions = FlowFixtures.valid().stream()
                .flatMap(f -> FlowGraphJson.read(f.graph(), "").nodes().stream())
                .map(n -> n.componentId() + "/" + n.function()).collect(Collectors.toSet());

        assertThat(used).isNotEmpty();
        assertThat(usedFunctions).containsAll(COMPONENTS.all().stream()
                .map(f -> f.componentId() + "/" + f.function()).toList());
    }

    @Test
    void theInvalidFixturesCoverEveryValidationRule() {
        assertThat(FlowFixtures.invalid()).extracting(Fixture::name).contains(
                "duplicate-step-id", "unknown-component", "field-schema-violations", "missing-required-field",
                "jsonata-syntax-error", "edge-to-missing-step", "self-edge", "duplicate-edge", "no-trigger",
                "two-triggers", "trigger-not-first", "unreachable-step", "cycle", "router-target-not-successor",
                "graph-shape-problems");
    }
}
