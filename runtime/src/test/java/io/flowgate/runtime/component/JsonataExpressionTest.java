package io.flowgate.runtime.component;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.flowgate.core.FlowgateException;
import io.flowgate.core.FlowgateException.Problem;
import io.flowgate.core.Json;
import io.flowgate.runtime.component.JsonataExpression.Bounds;
import io.flowgate.runtime.component.JsonataExpression.EvaluationException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class JsonataExpressionTest {

    private static final Bounds SMALL = new Bounds(200, 200);

    private static JsonNode eval(String expression, String input) {
        return JsonataExpression.compile(expression, "/fields/expression").evaluate(Json.parse(input), Map.of());
    }

    @Test
    void evaluatesAgainstTheInput() {
        assertThat(eval("{'total': $sum(items.price), 'first': items[0].name}",
                "{\"items\":[{\"name\":\"a\",\"price\":2},{\"name\":\"b\",\"price\":3.5}]}"))
                .isEqualTo(Json.parse("{\"total\":5.5,\"first\":\"a\"}"));
    }

    @Test
    void bindsVariables() {
        JsonataExpression expression = JsonataExpression.compile("$stepId & ':' & $string($attempt) & ':' & $.a", "/x");

        assertThat(expression.evaluate(Json.parse("{\"a\":\"z\"}"), Map.of("stepId", "map", "attempt", 2)).asText())
                .isEqualTo("map:2:z");
    }

    @Test
    void nothingIsAMissingNode() {
        assertThat(eval("nope", "{\"a\":1}").isMissingNode()).isTrue();
    }

    @Test
    void nullIsAJsonNullNotNothing() {
        assertThat(eval("null", "{}").isNull()).isTrue();
        assertThat(eval("$.a", "{\"a\":null}").isNull()).isTrue();
        assertThat(eval("{'a': null, 'b': [null, 1]}", "{}")).isEqualTo(Json.parse("{\"a\":null,\"b\":[null,1]}"));
        assertThat(eval("$exists(a)", "{\"a\":null}").asBoolean()).isTrue();
    }

    @Test
    void wholeResultsOfArithmeticAreWholeNumbers() {
        JsonNode sum = eval("$sum([1.5, 0.5])", "{}");

        assertThat(sum.isIntegralNumber()).isTrue();
        assertThat(sum.asLong()).isEqualTo(2);
        assertThat(eval("1.25 * 2", "{}").asDouble()).isEqualTo(2.5);
        assertThat(eval("$.big", "{\"big\":12345678901234567890}").bigIntegerValue())
                .isEqualTo(new java.math.BigInteger("12345678901234567890"));
    }

    @Test
    void aMissingInputIsNoInput() {
        JsonataExpression expression = JsonataExpression.compile("$exists($) ? 'some' : 'none'", "/x");

        assertThat(expression.evaluate(com.fasterxml.jackson.databind.node.MissingNode.getInstance(), Map.of()).asText())
                .isEqualTo("none");
    }

    @Test
    void keepsNumbersIntegralWhenTheyAre() {
        assertThat(eval("$.n * 2", "{\"n\":21}").isIntegralNumber()).isTrue();
        assertThat(eval("$.n * 2", "{\"n\":21}").asLong()).isEqualTo(42);
    }

    @ParameterizedTest
    @ValueSource(strings = {"(", "{'a': }", "$.a.", "[1, 2", "1 +", "$foo(", "'unterminated", "a ~> ", "$x := ", "}"})
    void aSyntaxErrorIsUnprocessableAtThePointer(String source) {
        assertThatThrownBy(() -> JsonataExpression.compile(source, "/fields/expression"))
                .isInstanceOfSatisfying(FlowgateException.class, e -> {
                    assertThat(e.kind()).isEqualTo(FlowgateException.Kind.UNPROCESSABLE);
                    assertThat(e.problems()).extracting(Problem::pointer).containsExactly("/fields/expression");
                    assertThat(e.problems().getFirst().detail()).startsWith("JSONata syntax error");
                });
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"   "})
    void anEmptyExpressionIsUnprocessable(String source) {
        assertThatThrownBy(() -> JsonataExpression.compile(source, "/fields/body"))
                .isInstanceOfSatisfying(FlowgateException.class,
                        e -> assertThat(e.problems()).extracting(Problem::pointer).containsExactly("/fields/body"));
    }

    @Test
    void anEvaluationErrorIsAnEvaluationException() {
        assertThatThrownBy(() -> eval("$number('abc') + {}", "{}")).isInstanceOf(EvaluationException.class);
        assertThatThrownBy(() -> eval("$error('stop here')", "{}"))
                .isInstanceOf(EvaluationException.class).hasMessageContaining("stop here");
    }

    @Test
    void aFunctionInTheResultIsAnEvaluationErrorNotADumpOfInternals() {
        assertThatThrownBy(() -> eval("function($x) { $x }", "{}"))
                .isInstanceOf(EvaluationException.class).hasMessageContaining("JSON cannot hold");
        assertThatThrownBy(() -> eval("{'f': $sum}", "{}")).isInstanceOf(EvaluationException.class);
    }

    @Test
    @Timeout(60)
    void deepRecursionStopsWithAnEvaluationException() {
        JsonataExpression expression = JsonataExpression.compile(
                "($f := function($n) { $n = 0 ? 0 : 1 + $f($n - 1) }; $f(100000))", "/x", SMALL);

        assertThatThrownBy(() -> expression.evaluate(Json.object(), Map.of())).isInstanceOf(EvaluationException.class);
    }

    @Test
    @Timeout(60)
    void endlessTailRecursionStopsWithAnEvaluationException() {
        JsonataExpression expression = JsonataExpression.compile(
                "($loop := function($n) { $loop($n + 1) }; $loop(0))", "/x", SMALL);

        assertThatThrownBy(() -> expression.evaluate(Json.object(), Map.of())).isInstanceOf(EvaluationException.class);
    }

    @Test
    @Timeout(60)
    void endlessWorkOverAHugeRangeStopsWithAnEvaluationException() {
        JsonataExpression expression = JsonataExpression.compile(
                "$count([1..10000000].($string($) & $string($)))", "/x", SMALL);

        assertThatThrownBy(() -> expression.evaluate(Json.object(), Map.of())).isInstanceOf(EvaluationException.class);
    }

    @Test
    @Timeout(60)
    void anExpressionThatFailedByItsBoundsCanBeEvaluatedAgain() {
        JsonataExpression expression = JsonataExpression.compile(
                "($f := function($n) { $n = 0 ? 0 : 1 + $f($n - 1) }; $f($.depth))", "/x", SMALL);

        assertThatThrownBy(() -> expression.evaluate(Json.parse("{\"depth\":100000}"), Map.of()))
                .isInstanceOf(EvaluationException.class);
        assertThat(expression.evaluate(Json.parse("{\"depth\":3}"), Map.of()).asInt()).isEqualTo(3);
    }

    @Test
    @Timeout(120)
    void oneCompiledExpressionGivesEachThreadItsOwnResult() throws Exception {
        JsonataExpression expression = JsonataExpression.compile(
                "{'id': $.id, 'sum': $sum($.values), 'who': $stepId, 'names': $.values.($string($) & '-' & $string(%.id))}",
                "/x", new JsonataExpression.Bounds(60_000, 200));
        int threads = 8;
        int rounds = 300;
        CountDownLatch start = new CountDownLatch(1);
        List<Future<List<String>>> futures = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            for (int t = 0; t < threads; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    start.await();
                    List<String> wrong = new ArrayList<>();
                    for (int r = 0; r < rounds; r++) {
                        int id = thread * 100_000 + r;
                        JsonNode input = Json.parse("{\"id\":" + id + ",\"values\":[" + id + "," + (id + 1) + "]}");
                        JsonNode result = expression.evaluate(input, Map.of("stepId", "t" + thread));
                        JsonNode expected = Json.parse("{\"id\":" + id + ",\"sum\":" + (2L * id + 1) + ",\"who\":\"t" + thread
                                + "\",\"names\":[\"" + id + "-" + id + "\",\"" + (id + 1) + "-" + id + "\"]}");
                        if (!result.equals(expected)) {
                            wrong.add(result + " instead of " + expected);
                        }
                    }
                    return wrong;
                }));
            }
            start.countDown();
            for (Future<List<String>> future : futures) {
                assertThat(future.get()).isEmpty();
            }
        }
    }

    @Test
    void keepsItsSource() {
        assertThat(JsonataExpression.compile("$.a", "/x").source()).isEqualTo("$.a");
    }
}
