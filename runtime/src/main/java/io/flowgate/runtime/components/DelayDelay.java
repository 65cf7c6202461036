package io.flowgate.runtime.components;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flowgate.runtime.component.ComponentFunction;
import io.flowgate.runtime.component.PreparedStep;
import io.flowgate.runtime.component.StepResult;
import java.time.Duration;

/** {@code delay}/{@code delay}: holds the message back for {@code ms} milliseconds, durably, then hands it on. */
final class DelayDelay implements ComponentFunction {

    @Override
    public String componentId() {
        return "delay";
    }

    @Override
    public String function() {
        return "delay";
    }

    @Override
    public Kind kind() {
        return Kind.ACTION;
    }

    @Override
    public String description() {
        return "Waits the given number of milliseconds (a durable timer: it survives restarts) before passing the message on.";
    }

    @Override
    public ObjectNode fieldsSchema() {
        return Fields.schema("""
                {"type":"object","required":["ms"],
                 "properties":{"ms":{"type":"integer","minimum":0,"maximum":2592000000}}}
                """);
    }

    @Override
    public PreparedStep prepare(ObjectNode fields) {
        Duration delay = Duration.ofMillis(Fields.number(fields, "ms", 0));
        return context -> StepResult.emit(new StepResult.Output(context.body(), context.attributes(), null, delay));
    }
}
