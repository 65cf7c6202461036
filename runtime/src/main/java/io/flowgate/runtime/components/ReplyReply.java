package io.flowgate.runtime.components;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flowgate.runtime.component.ComponentFunction;
import io.flowgate.runtime.component.JsonataExpression;
import io.flowgate.runtime.component.PreparedStep;
import io.flowgate.runtime.component.StepResult;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code reply}/{@code reply}: answers the waiting HTTP caller of a sync webhook with a status, headers and
 * a body expression, then hands the message on unchanged.
 */
final class ReplyReply implements ComponentFunction {

    @Override
    public String componentId() {
        return "reply";
    }

    @Override
    public String function() {
        return "reply";
    }

    @Override
    public Kind kind() {
        return Kind.ACTION;
    }

    @Override
    public String description() {
        return "Answers the caller of a sync webhook: status, headers, and a JSONata body expression (default: the body).";
    }

    @Override
    public ObjectNode fieldsSchema() {
        return Fields.schema("""
                {"type":"object",
                 "properties":{
                   "status":{"type":"integer","minimum":200,"maximum":599,"default":200},
                   "headers":{"type":"object","additionalProperties":{"type":"string"}},
                   "body":{"type":"string","description":"JSONata expression giving the response body; default $"}}}
                """);
    }

    @Override
    public PreparedStep prepare(ObjectNode fields) {
        int status = (int) Fields.number(fields, "status", 200);
        Map<String, String> headers = new LinkedHashMap<>();
        fields.path("headers").properties().forEach(e -> headers.put(e.getKey(), e.getValue().asText()));
        JsonataExpression body = Fields.optionalExpression(fields, "body");
        return context -> {
            JsonNode replyBody = body == null ? context.body() : Fields.evaluate(body, context);
            var reply = new StepResult.HttpReply(status, headers, replyBody);
            return new StepResult.Emit(List.of(StepResult.Output.of(context.body(), context.attributes())), reply);
        };
    }
}
