package io.flowgate.runtime.components;

import com.dashjoin.jsonata.Jsonata;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flowgate.core.Json;
import io.flowgate.runtime.component.ComponentFunction;
import io.flowgate.runtime.component.JsonataExpression;
import io.flowgate.runtime.component.PreparedStep;
import io.flowgate.runtime.component.StepResult;

/** {@code filter}/{@code condition}: the message goes on when the expression is true, and is dropped otherwise. */
final class FilterCondition implements ComponentFunction {

    @Override
    public String componentId() {
        return "filter";
    }

    @Override
    public String function() {
        return "condition";
    }

    @Override
    public Kind kind() {
        return Kind.ACTION;
    }

    @Override
    public String description() {
        return "Passes the message on when the JSONata condition is truthy; drops it otherwise.";
    }

    @Override
    public ObjectNode fieldsSchema() {
        return Fields.schema("""
                {"type":"object","required":["expression"],
                 "properties":{"expression":{"type":"string","minLength":1,"description":"JSONata condition"}}}
                """);
    }

    @Override
    public PreparedStep prepare(ObjectNode fields) {
        JsonataExpression condition = Fields.expression(fields, "expression");
        return context -> isTruthy(Fields.evaluate(condition, context))
                ? StepResult.emit(StepResult.Output.of(context.body(), context.attributes()))
                : StepResult.nothing();
    }

    /** JSONata's own notion of truth, so conditions mean what they mean in JSONata. */
    static boolean isTruthy(JsonNode value) {
        if (value.isMissingNode()) {
            return false;
        }
        return Jsonata.boolize(Json.MAPPER.convertValue(value, Object.class));
    }
}
