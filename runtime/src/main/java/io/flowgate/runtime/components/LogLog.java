package io.flowgate.runtime.components;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flowgate.runtime.component.ComponentFunction;
import io.flowgate.runtime.component.JsonataExpression;
import io.flowgate.runtime.component.PreparedStep;
import io.flowgate.runtime.component.StepResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

/**
 * {@code log}/{@code log}: writes the message (or an expression of it) to the server log and hands it on.
 * The expression is evaluated whatever the log level, so that the step's outcome never depends on the
 * server's log configuration.
 */
final class LogLog implements ComponentFunction {

    private static final Logger LOG = LoggerFactory.getLogger("io.flowgate.flow.log");

    @Override
    public String componentId() {
        return "log";
    }

    @Override
    public String function() {
        return "log";
    }

    @Override
    public Kind kind() {
        return Kind.ACTION;
    }

    @Override
    public String description() {
        return "Logs the message body (or the value of a JSONata expression) and passes the message on.";
    }

    @Override
    public ObjectNode fieldsSchema() {
        return Fields.schema("""
                {"type":"object",
                 "properties":{
                   "level":{"type":"string","enum":["trace","debug","info","warn","error"],"default":"info"},
                   "expression":{"type":"string","description":"JSONata expression of what to log; default the body"}}}
                """);
    }

    @Override
    public PreparedStep prepare(ObjectNode fields) {
        Level level = Level.valueOf(Fields.text(fields, "level", "info").toUpperCase(java.util.Locale.ROOT));
        JsonataExpression expression = Fields.optionalExpression(fields, "expression");
        return context -> {
            Object logged = expression == null ? context.body() : Fields.evaluate(expression, context);
            LOG.atLevel(level).log("flow {} execution {} step {}: {}",
                    context.flowId(), context.executionId(), context.stepId(), logged);
            return StepResult.emit(StepResult.Output.of(context.body(), context.attributes()));
        };
    }
}
