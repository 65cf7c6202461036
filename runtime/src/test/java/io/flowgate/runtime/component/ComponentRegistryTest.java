package io.flowgate.runtime.component;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flowgate.core.FlowgateException;
import io.flowgate.core.FlowgateException.Problem;
import io.flowgate.core.Json;
import io.flowgate.core.flow.FlowNode;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ComponentRegistryTest {

    private static final ComponentRegistry REGISTRY = ComponentRegistry.discover();

    private static FlowNode node(String component, String function, String fields) {
        return new FlowNode("step", component, function, (ObjectNode) Json.parse(fields), null);
    }

    private static List<String> pointers(String component, String function, String fields) {
        return REGISTRY.checkFields(node(component, function, fields), "/graph/nodes/1/fields").stream()
                .map(Problem::pointer).toList();
    }

    @Test
    void discoversEveryBuiltInComponentFunctionOfTheContract() {
        assertThat(REGISTRY.all()).extracting(f -> f.componentId() + "/" + f.function()).containsExactlyInAnyOrder(
                "webhook/receive", "topic/subscribe", "topic/publish", "schedule/cron", "jsonata/transform",
                "filter/condition", "router/route", "split/split", "http/request", "reply/reply", "log/log",
                "delay/delay", "fail/fail");
    }

    @ParameterizedTest
    @CsvSource({"webhook, receive, TRIGGER", "topic, subscribe, TRIGGER", "schedule, cron, TRIGGER",
            "topic, publish, ACTION", "jsonata, transform, ACTION", "http, request, ACTION", "fail, fail, ACTION"})
    void knowsWhichFunctionsAreTriggers(String component, String function, ComponentFunction.Kind kind) {
        assertThat(REGISTRY.find(component, function)).map(ComponentFunction::kind).contains(kind);
    }

    @Test
    void unknownFunctionsAreNotFound() {
        assertThat(REGISTRY.find("jsonata", "nope")).isEmpty();
        assertThat(REGISTRY.find("nope", "transform")).isEmpty();
    }

    @Test
    void everyFunctionDescribesItselfWithAnObjectSchema() {
        assertThat(REGISTRY.all()).allSatisfy(function -> {
            assertThat(function.description()).isNotBlank();
            ObjectNode schema = REGISTRY.schema(function);
            assertThat(schema.path("type").asText()).isEqualTo("object");
            assertThat(schema.path("properties").isObject()).isTrue();
        });
    }

    @Test
    void actionSchemasGainTheRetryFieldAndTriggerSchemasDoNot() {
        assertThat(REGISTRY.all()).allSatisfy(function -> {
            boolean hasRetry = REGISTRY.schema(function).path("properties").has("retry");
            assertThat(hasRetry).as(function.componentId() + "/" + function.function())
                    .isEqualTo(function.kind() == ComponentFunction.Kind.ACTION);
        });
    }

    @Test
    void schemaIsACopy() {
        ComponentFunction log = REGISTRY.find("log", "log").orElseThrow();

        REGISTRY.schema(log).putObject("properties").put("broken", true);

        assertThat(REGISTRY.schema(log).path("properties").has("level")).isTrue();
    }

    @Test
    void validFieldsHaveNoProblems() {
        assertThat(pointers("jsonata", "transform", "{\"expression\":\"$\",\"retry\":{\"maxAttempts\":2}}")).isEmpty();
        assertThat(pointers("webhook", "receive", "{\"auth\":{\"type\":\"hmac\",\"algorithm\":\"sha256\",\"secret\":\"s\"}}")).isEmpty();
        assertThat(pointers("webhook", "receive", "{}")).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "jsonata  | transform | {}                                              | /graph/nodes/1/fields/expression",
            "delay    | delay     | {\"ms\":\"soon\"}                               | /graph/nodes/1/fields/ms",
            "delay    | delay     | {\"ms\":5,\"retry\":{\"maxAttempts\":0}}        | /graph/nodes/1/fields/retry/maxAttempts",
            "delay    | delay     | {\"ms\":5,\"retry\":{\"tries\":3}}              | /graph/nodes/1/fields/retry/tries",
            "webhook  | receive   | {\"auth\":{\"type\":\"magic\"}}                 | /graph/nodes/1/fields/auth/type",
            "webhook  | receive   | {\"auth\":{\"type\":\"basic\",\"user\":\"x\"}}  | /graph/nodes/1/fields/auth/user",
            "webhook  | receive   | {\"auth\":{}}                                   | /graph/nodes/1/fields/auth/type",
            "webhook  | receive   | {\"replyTimeoutMs\":0}                          | /graph/nodes/1/fields/replyTimeoutMs",
            "router   | route     | {\"branches\":[{\"expression\":\"x\"}]}         | /graph/nodes/1/fields/branches/0/target",
            "router   | route     | {\"branches\":[]}                               | /graph/nodes/1/fields/branches",
            "http     | request   | {\"url\":\"ftp://example.test\"}                | /graph/nodes/1/fields/url",
            "http     | request   | {\"url\":\"http://x\",\"headers\":{\"a\":1}}    | /graph/nodes/1/fields/headers/a",
            "log      | log       | {\"level\":\"loud\"}                            | /graph/nodes/1/fields/level",
            "topic    | subscribe | {}                                              | /graph/nodes/1/fields/topic",
            "fail     | fail      | {\"retryable\":\"yes\"}                         | /graph/nodes/1/fields/retryable",
            "reply    | reply     | {\"status\":99}                                 | /graph/nodes/1/fields/status"})
    void eachFieldProblemIsReportedOnceAtItsPointer(String component, String function, String fields, String pointer) {
        List<Problem> problems = REGISTRY.checkFields(node(component, function, fields), "/graph/nodes/1/fields");

        assertThat(problems).extracting(Problem::pointer).containsExactly(pointer);
        assertThat(problems).allSatisfy(p -> assertThat(p.detail()).isNotBlank().doesNotStartWith("$"));
    }

    @Test
    void triggersDoNotTakeARetryField() {
        ComponentFunction webhook = REGISTRY.find("webhook", "receive").orElseThrow();

        assertThat(REGISTRY.schema(webhook).path("properties").has("retry")).isFalse();
    }

    @Test
    void anUnknownNodeHasNoFieldProblemsButCannotBePrepared() {
        FlowNode unknown = node("nope", "nope", "{}");

        assertThat(REGISTRY.checkFields(unknown, "/fields")).isEmpty();
        assertThatThrownBy(() -> REGISTRY.prepare(unknown))
                .isInstanceOfSatisfying(FlowgateException.class,
                        e -> assertThat(e.kind()).isEqualTo(FlowgateException.Kind.UNPROCESSABLE));
    }

    @Test
    void preparesAKnownNode() {
        PreparedStep step = REGISTRY.prepare(node("jsonata", "transform", "{\"expression\":\"$.a\"}"));

        StepResult result = step.run(TestStepContext.of("{\"a\":7}"));

        assertThat(result).isInstanceOfSatisfying(StepResult.Emit.class,
                emit -> assertThat(emit.outputs().getFirst().body().asInt()).isEqualTo(7));
    }

    @Test
    void twoFunctionsWithTheSameNameAreRefused() {
        ComponentFunction log = REGISTRY.find("log", "log").orElseThrow();

        assertThatThrownBy(() -> new ComponentRegistry(List.of(log, log)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("log/log");
    }
}
