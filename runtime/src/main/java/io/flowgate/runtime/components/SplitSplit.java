package io.flowgate.runtime.components;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flowgate.runtime.component.ComponentFunction;
import io.flowgate.runtime.component.JsonataExpression;
import io.flowgate.runtime.component.PreparedStep;
import io.flowgate.runtime.component.StepResult;
import java.util.ArrayList;
import java.util.List;

/** {@code split}/{@code split}: one message per element of the array the expression gives. */
final class SplitSplit implements ComponentFunction {

    static final int MAX_ITEMS = 10_000;

    @Override
    public String componentId() {
        return "split";
    }

    @Override
    public String function() {
        return "split";
    }

    @Override
    public Kind kind() {
        return Kind.ACTION;
    }

    @Override
    public String description() {
        return "Emits one message per element of the array the JSONata expression gives (a single value gives one).";
    }

    @Override
    public ObjectNode fieldsSchema() {
        return Fields.schema("""
                {"type":"object","required":["expression"],
                 "properties":{"expression":{"type":"string","minLength":1,"description":"JSONata expression giving an array"}}}
                """);
    }

    @Override
    public PreparedStep prepare(ObjectNode fields) {
        JsonataExpression expression = Fields.expression(fields, "expression");
        return context -> {
            JsonNode result = Fields.evaluate(expression, context);
            if (result.isMissingNode()) {
                return StepResult.nothing();
            }
            if (result.isArray() && result.size() > MAX_ITEMS) {
                return StepResult.fail("SplitTooLarge",
                        "The expression gave " + result.size() + " items; at most " + MAX_ITEMS + " are allowed", false);
            }
            List<StepResult.Output> outputs = new ArrayList<>();
            if (result.isArray()) {
                result.forEach(item -> outputs.add(StepResult.Output.of(item, context.attributes())));
            } else {
                outputs.add(StepResult.Output.of(result, context.attributes()));
            }
            return StepResult.emitAll(outputs);
        };
    }
}
