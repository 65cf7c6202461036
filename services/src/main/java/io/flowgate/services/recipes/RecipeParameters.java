package io.flowgate.services.recipes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flowgate.core.FlowgateException;
import io.flowgate.core.FlowgateException.Problem;
import io.flowgate.core.Json;
import io.flowgate.runtime.component.JsonSchemaCheck;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A recipe's parameters: an object of parameter name to {@code {type, default, description}}, where
 * {@code type} is a JSON Schema type (default {@code string}). A parameter without a default must be
 * given a value when the recipe is instantiated.
 */
final class RecipeParameters {

    static final String POINTER = "/data/attributes/parameters";
    private static final Set<String> TYPES = Set.of("string", "number", "integer", "boolean", "object", "array");
    private static final Set<String> FIELDS = Set.of("type", "default", "description");

    private RecipeParameters() {
    }

    /** The parameters as sent (none when null); UNPROCESSABLE with every problem otherwise. */
    static ObjectNode check(JsonNode parameters) {
        if (parameters == null || parameters.isNull()) {
            return Json.object();
        }
        if (!parameters.isObject()) {
            throw invalid(List.of(Problem.at(POINTER, "parameters must be an object of name to {type, default, description}")));
        }
        List<Problem> problems = new ArrayList<>();
        parameters.properties().forEach(entry -> checkOne(entry.getKey(), entry.getValue(), problems));
        if (!problems.isEmpty()) {
            throw invalid(problems);
        }
        return (ObjectNode) parameters;
    }

    /** The values a recipe is instantiated with: defaults filled in, then checked against the parameters. */
    static ObjectNode values(ObjectNode parameters, JsonNode given) {
        if (given != null && !given.isNull() && !given.isObject()) {
            throw invalid(List.of(Problem.at("/data/attributes/values", "values must be an object of parameter name to value")));
        }
        ObjectNode values = Json.object();
        parameters.properties().forEach(p -> {
            if (p.getValue().has("default")) {
                values.set(p.getKey(), p.getValue().get("default"));
            }
        });
        if (given != null && given.isObject()) {
            values.setAll((ObjectNode) given);
        }
        List<Problem> problems = JsonSchemaCheck.compile(schema(parameters), POINTER).check(values, "/data/attributes/values");
        if (!problems.isEmpty()) {
            throw FlowgateException.unprocessable("Invalid recipe values", problems);
        }
        return values;
    }

    /** The JSON Schema of the values object. */
    static ObjectNode schema(ObjectNode parameters) {
        ObjectNode schema = Json.object().put("type", "object").put("additionalProperties", false);
        ObjectNode properties = schema.putObject("properties");
        var required = schema.putArray("required");
        parameters.properties().forEach(p -> {
            properties.putObject(p.getKey()).put("type", type(p.getValue()));
            if (!p.getValue().has("default")) {
                required.add(p.getKey());
            }
        });
        return schema;
    }

    private static void checkOne(String name, JsonNode parameter, List<Problem> problems) {
        String here = POINTER + "/" + name;
        if (!Placeholders.NAME.matcher(name).matches()) {
            problems.add(Problem.at(here, "a parameter name is letters, digits and '_', not starting with a digit"));
        }
        if (!parameter.isObject()) {
            problems.add(Problem.at(here, "must be an object {type, default, description}"));
            return;
        }
        parameter.fieldNames().forEachRemaining(field -> {
            if (!FIELDS.contains(field)) {
                problems.add(Problem.at(here + "/" + field, "unknown field: a parameter has type, default and description"));
            }
        });
        if (parameter.has("type") && !TYPES.contains(parameter.get("type").asText())) {
            problems.add(Problem.at(here + "/type", "type must be one of string, number, integer, boolean, object, array"));
        } else if (parameter.has("default")) {
            ObjectNode typeOnly = Json.object().put("type", type(parameter));
            problems.addAll(JsonSchemaCheck.compile(typeOnly, here).check(parameter.get("default"), here + "/default"));
        }
        if (parameter.has("description") && !parameter.get("description").isTextual()) {
            problems.add(Problem.at(here + "/description", "description must be a string"));
        }
    }

    private static String type(JsonNode parameter) {
        return parameter.path("type").asText("string");
    }

    private static FlowgateException invalid(List<Problem> problems) {
        return FlowgateException.unprocessable("Invalid recipe parameters", problems);
    }
}
