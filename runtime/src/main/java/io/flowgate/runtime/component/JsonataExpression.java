package io.flowgate.runtime.component;

import com.dashjoin.jsonata.JException;
import com.dashjoin.jsonata.Jsonata;
import com.fasterxml.jackson.databind.JsonNode;
import io.flowgate.core.FlowgateException;
import io.flowgate.core.Json;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * A JSONata expression compiled once and evaluated many times, bounded in time and depth.
 *
 * <p>A compiled {@link Jsonata} keeps per-evaluation state in its fields, so one instance must not be
 * evaluated by two threads at once: each evaluation borrows an instance from a small pool and gives it
 * back, compiling a new one only when all are busy.
 */
public final class JsonataExpression {

    /** Time and depth limits of one evaluation. */
    public record Bounds(long timeoutMillis, int maxDepth) {
        public static final Bounds DEFAULT = new Bounds(2_000, 200);
    }

    private static final int POOL_LIMIT = 64;

    private final String source;
    private final Bounds bounds;
    private final ConcurrentLinkedQueue<Jsonata> pool = new ConcurrentLinkedQueue<>();

    private JsonataExpression(String source, Bounds bounds, Jsonata first) {
        this.source = source;
        this.bounds = bounds;
        pool.add(first);
    }

    /**
     * Compiles {@code source}; a syntax error is an UNPROCESSABLE problem at {@code pointer}.
     */
    public static JsonataExpression compile(String source, String pointer, Bounds bounds) {
        if (source == null || source.isBlank()) {
            throw FlowgateException.unprocessable("Invalid expression",
                    List.of(FlowgateException.Problem.at(pointer, "the expression is empty")));
        }
        try {
            return new JsonataExpression(source, bounds, compiled(source));
        } catch (JException e) {
            throw FlowgateException.unprocessable("Invalid expression",
                    List.of(FlowgateException.Problem.at(pointer, "JSONata syntax error: " + e.getMessage())));
        }
    }

    public static JsonataExpression compile(String source, String pointer) {
        return compile(source, pointer, Bounds.DEFAULT);
    }

    /**
     * Evaluates against {@code input} with {@code $name} variables bound. Returns a missing node when
     * the expression yields nothing and a JSON null for {@code null}; an evaluation error, or a result
     * JSON cannot hold (a function), is thrown as {@link EvaluationException}.
     */
    public JsonNode evaluate(JsonNode input, Map<String, Object> variables) {
        return JsonataResults.toJson(evaluatePlain(toPlain(input), variables));
    }

    private Object evaluatePlain(Object input, Map<String, Object> variables) {
        Jsonata compiled = borrow();
        try {
            Jsonata.Frame frame = compiled.createFrame();
            frame.setRuntimeBounds(bounds.timeoutMillis(), bounds.maxDepth());
            variables.forEach(frame::bind);
            return compiled.evaluate(input, frame);
        } catch (JException e) {
            throw new EvaluationException(e.getMessage(), e);
        } catch (RuntimeException | StackOverflowError e) {
            throw new EvaluationException("evaluation failed: " + e, e);
        } finally {
            giveBack(compiled);
        }
    }

    public String source() {
        return source;
    }

    private Jsonata borrow() {
        Jsonata compiled = pool.poll();
        return compiled != null ? compiled : compiled(source);
    }

    /** A compiled instance that keeps JSON nulls apart from "nothing" in its results. */
    private static Jsonata compiled(String source) {
        Jsonata compiled = Jsonata.jsonata(source);
        compiled.setOutputConvertNulls(false);
        return compiled;
    }

    private void giveBack(Jsonata compiled) {
        if (pool.size() < POOL_LIMIT) {
            pool.offer(compiled);
        }
    }

    private static Object toPlain(JsonNode input) {
        return input == null || input.isMissingNode() ? null : Json.MAPPER.convertValue(input, Object.class);
    }

    /** The expression could not be evaluated on this input (a step error, not a platform fault). */
    public static final class EvaluationException extends RuntimeException {
        EvaluationException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
