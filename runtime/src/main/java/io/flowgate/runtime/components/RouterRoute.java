package io.flowgate.runtime.components;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flowgate.runtime.component.ComponentFunction;
import io.flowgate.runtime.component.JsonataExpression;
import io.flowgate.runtime.component.PreparedStep;
import io.flowgate.runtime.component.StepResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code router}/{@code route}: sends the message to the target of the first branch whose expression is
 * true, or to {@code default}; with neither, the message is dropped.
 */
final class RouterRoute implements ComponentFunction {

    private record Branch(JsonataExpression condition, String target) {
    }

    @Override
    public String componentId() {
        return "router";
    }

    @Override
    public String function() {
        return "route";
    }

    @Override
    public Kind kind() {
        return Kind.ACTION;
    }

    @Override
    public String description() {
        return "Routes the message to the first branch whose JSONata condition holds, else to the default step.";
    }

    @Override
    public ObjectNode fieldsSchema() {
        return Fields.schema("""
                {"type":"object","required":["branches"],
                 "properties":{
                   "branches":{"type":"array","minItems":1,"items":{"type":"object","required":["expression","target"],
                     "properties":{"expression":{"type":"string","minLength":1},"target":{"type":"string","minLength":1}}}},
                   "default":{"type":"string","description":"step id taking messages no branch takes"}}}
                """);
    }

    @Override
    public PreparedStep prepare(ObjectNode fields) {
        List<Branch> branches = new ArrayList<>();
        JsonNode list = fields.path("branches");
        for (int i = 0; i < list.size(); i++) {
            JsonNode branch = list.get(i);
            branches.add(new Branch(
                    JsonataExpression.compile(branch.path("expression").asText(null), "/fields/branches/" + i + "/expression"),
                    branch.path("target").asText()));
        }
        String fallback = Fields.text(fields, "default", null);
        return context -> {
            for (Branch branch : branches) {
                if (FilterCondition.isTruthy(Fields.evaluate(branch.condition(), context))) {
                    return StepResult.emit(new StepResult.Output(context.body(), context.attributes(), branch.target(), Duration.ZERO));
                }
            }
            return fallback == null ? StepResult.nothing()
                    : StepResult.emit(new StepResult.Output(context.body(), context.attributes(), fallback, Duration.ZERO));
        };
    }
}
