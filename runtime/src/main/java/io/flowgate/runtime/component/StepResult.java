package io.flowgate.runtime.component;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flowgate.core.execution.StepError;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** What a step did with its message: emitted messages (maybe none), or failed. */
public sealed interface StepResult {

    /**
     * A message a step emits. {@code target} is the step it goes to, or null for every successor;
     * {@code delay} holds it back durably for that long.
     */
    record Output(JsonNode body, ObjectNode attributes, String target, Duration delay) {
        public static Output of(JsonNode body, ObjectNode attributes) {
            return new Output(body, attributes, null, Duration.ZERO);
        }
    }

    /** The HTTP answer a {@code reply} step gives to a sync webhook caller. */
    record HttpReply(int status, Map<String, String> headers, JsonNode body) {
    }

    record Emit(List<Output> outputs, HttpReply reply) implements StepResult {
        public Emit {
            outputs = List.copyOf(outputs);
        }
    }

    /** The step failed; {@code retryable} errors are tried again while the step's attempts last. */
    record Fail(StepError error, boolean retryable) implements StepResult {
    }

    static StepResult emit(Output output) {
        return new Emit(List.of(output), null);
    }

    static StepResult emitAll(List<Output> outputs) {
        return new Emit(outputs, null);
    }

    static StepResult nothing() {
        return new Emit(List.of(), null);
    }

    static StepResult fail(String name, String message, boolean retryable) {
        return new Fail(new StepError(name, message, ""), retryable);
    }
}
