package io.flowgate.runtime.components;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flowgate.core.FlowgateException;
import io.flowgate.core.Json;
import io.flowgate.runtime.component.JsonataExpression;
import io.flowgate.runtime.component.StepContext;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Reading step fields and evaluating their expressions, shared by the built-in components. */
final class Fields {

    private Fields() {
    }

    static JsonataExpression expression(ObjectNode fields, String name) {
        JsonNode value = fields.get(name);
        return JsonataExpression.compile(value == null ? null : value.asText(), "/fields/" + name);
    }

    static JsonataExpression optionalExpression(ObjectNode fields, String name) {
        JsonNode value = fields.get(name);
        return value == null || value.isNull() || value.asText().isBlank() ? null : expression(fields, name);
    }

    static String text(ObjectNode fields, String name, String fallback) {
        JsonNode value = fields.get(name);
        return value == null || value.isNull() ? fallback : value.asText();
    }

    static String requiredText(ObjectNode fields, String name) {
        String value = text(fields, name, null);
        if (value == null || value.isBlank()) {
            throw FlowgateException.unprocessable("Invalid step fields",
                    List.of(FlowgateException.Problem.at("/fields/" + name, "is required")));
        }
        return value;
    }

    static long number(ObjectNode fields, String name, long fallback) {
        JsonNode value = fields.get(name);
        return value == null || !value.canConvertToLong() ? fallback : value.asLong();
    }

    /** The variables every expression sees besides its input ({@code $}): where the message is. */
    static Map<String, Object> variables(StepContext context) {
        Map<String, Object> variables = new HashMap<>();
        variables.put("attributes", Json.MAPPER.convertValue(context.attributes(), Object.class));
        variables.put("executionId", context.executionId().toString());
        variables.put("flowId", context.flowId().toString());
        variables.put("stepId", context.stepId());
        variables.put("attempt", context.attempt());
        return variables;
    }

    static JsonNode evaluate(JsonataExpression expression, StepContext context) {
        return expression.evaluate(context.body(), variables(context));
    }

    static ObjectNode schema(String json) {
        return (ObjectNode) Json.parse(json);
    }
}
