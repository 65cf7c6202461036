package io.flowgate.runtime.components;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flowgate.runtime.component.ComponentFunction;
import io.flowgate.runtime.component.JsonataExpression;
import io.flowgate.runtime.component.PreparedStep;
import io.flowgate.runtime.component.StepResult;

/** {@code jsonata}/{@code transform}: the message body becomes the result of a JSONata expression. */
final class JsonataTransform implements ComponentFunction {

    @Override
    public String componentId() {
        return "jsonata";
    }

    @Override
    public String function() {
        return "transform";
    }

    @Override
    public Kind kind() {
        return Kind.ACTION;
    }

    @Override
    public String description() {
        return "Maps the message body with a JSONata expression ($ is the body; $attributes, $executionId, "
                + "$flowId and $stepId are bound).";
    }

    @Override
    public ObjectNode fieldsSchema() {
        return Fields.schema("""
                {"type":"object","required":["expression"],
                 "properties":{"expression":{"type":"string","minLength":1,"description":"JSONata expression"}}}
                """);
    }

    @Override
    public PreparedStep prepare(ObjectNode fields) {
        JsonataExpression expression = Fields.expression(fields, "expression");
        return context -> {
            JsonNode result = Fields.evaluate(expression, context);
            JsonNode body = result.isMissingNode() ? NullNode.getInstance() : result;
            return StepResult.emit(StepResult.Output.of(body, context.attributes()));
        };
    }
}
