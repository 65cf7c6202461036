package io.flowgate.runtime.components;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flowgate.runtime.component.ComponentFunction;
import io.flowgate.runtime.component.PreparedStep;
import io.flowgate.runtime.component.StepResult;

/** {@code fail}/{@code fail}: raises an error, permanent unless {@code retryable}; for testing flows. */
final class FailFail implements ComponentFunction {

    @Override
    public String componentId() {
        return "fail";
    }

    @Override
    public String function() {
        return "fail";
    }

    @Override
    public Kind kind() {
        return Kind.ACTION;
    }

    @Override
    public String description() {
        return "Fails with the given error name and message; a permanent error unless retryable is true.";
    }

    @Override
    public ObjectNode fieldsSchema() {
        return Fields.schema("""
                {"type":"object",
                 "properties":{
                   "name":{"type":"string","default":"Error"},
                   "message":{"type":"string","default":"Failed on purpose"},
                   "retryable":{"type":"boolean","default":false}}}
                """);
    }

    @Override
    public PreparedStep prepare(ObjectNode fields) {
        String name = Fields.text(fields, "name", "Error");
        String message = Fields.text(fields, "message", "Failed on purpose");
        boolean retryable = fields.path("retryable").asBoolean(false);
        return context -> StepResult.fail(name, message, retryable);
    }
}
