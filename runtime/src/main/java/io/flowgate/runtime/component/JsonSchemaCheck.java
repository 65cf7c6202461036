package io.flowgate.runtime.component;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaException;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.NodePath;
import io.flowgate.core.FlowgateException;
import io.flowgate.core.FlowgateException.Problem;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Set;

/** A compiled JSON Schema (draft 2020-12) that reports its violations as problems with JSON pointers. */
public final class JsonSchemaCheck {

    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
    /** Keywords whose problem is about one property of the object: the pointer goes to that property. */
    private static final Set<String> PROPERTY_KEYWORDS = Set.of("required", "additionalProperties", "unevaluatedProperties");

    /** The JSON Schema 2020-12 meta-schema, from the validator's own resources (nothing is fetched). */
    private static final JsonSchemaCheck META_SCHEMA =
            new JsonSchemaCheck(REGISTRY.getSchema(SchemaLocation.of("https://json-schema.org/draft/2020-12/schema")));

    /** Declared schemas nested deeper than this are refused: checking one against the meta-schema could exhaust the stack. */
    public static final int MAX_DECLARED_DEPTH = 100;

    private final Schema schema;

    private JsonSchemaCheck(Schema schema) {
        this.schema = schema;
    }

    /** Compiles {@code schema}; a schema that is itself invalid is an UNPROCESSABLE problem at {@code pointer}. */
    public static JsonSchemaCheck compile(JsonNode schema, String pointer) {
        try {
            Schema compiled = REGISTRY.getSchema(schema);
            compiled.initializeValidators();
            return new JsonSchemaCheck(compiled);
        } catch (SchemaException | IllegalArgumentException e) {
            throw FlowgateException.unprocessable("Invalid JSON Schema",
                    List.of(Problem.at(pointer, "not a valid JSON Schema: " + e.getMessage())));
        }
    }

    /**
     * Compiles a schema a user declared: it must be a JSON object that is a valid JSON Schema 2020-12 (checked
     * against the meta-schema). Every problem is UNPROCESSABLE, at {@code pointer} followed by where it is.
     */
    public static JsonSchemaCheck compileDeclared(JsonNode schema, String pointer) {
        if (schema == null || !schema.isObject()) {
            throw FlowgateException.unprocessable("Invalid JSON Schema",
                    List.of(Problem.at(pointer, "a JSON Schema must be a JSON object")));
        }
        if (depth(schema) > MAX_DECLARED_DEPTH) {
            throw FlowgateException.unprocessable("Invalid JSON Schema",
                    List.of(Problem.at(pointer, "a JSON Schema may be nested at most " + MAX_DECLARED_DEPTH + " levels deep")));
        }
        List<Problem> problems = META_SCHEMA.check(schema, pointer);
        if (!problems.isEmpty()) {
            throw FlowgateException.unprocessable("Invalid JSON Schema", problems);
        }
        return compile(schema, pointer);
    }

    /**
     * The violations of {@code value}, each at {@code pointerPrefix} followed by the path of the value in
     * question: a missing or unexpected property is pointed at by its own name. Repeats are left out.
     */
    public List<Problem> check(JsonNode value, String pointerPrefix) {
        return schema.validate(value).stream()
                .map(error -> Problem.at(pointerPrefix + pointer(error), message(error)))
                .distinct()
                .toList();
    }

    /** How deeply the value nests objects and arrays, counted without recursion. */
    private static int depth(JsonNode value) {
        record Level(JsonNode node, int depth) {
        }
        int deepest = 0;
        Deque<Level> pending = new ArrayDeque<>(List.of(new Level(value, 1)));
        while (!pending.isEmpty()) {
            Level level = pending.pop();
            if (level.node().isContainerNode()) {
                deepest = Math.max(deepest, level.depth());
                level.node().forEach(child -> pending.push(new Level(child, level.depth() + 1)));
            }
        }
        return deepest;
    }

    private static String message(Error error) {
        String message = error.getMessage();
        return message.startsWith("$") ? message.substring(message.indexOf(':') + 1).trim() : message;
    }

    private static String pointer(Error error) {
        StringBuilder pointer = new StringBuilder();
        NodePath path = error.getInstanceLocation();
        for (int i = 0; i < path.getNameCount(); i++) {
            pointer.append('/').append(escape(String.valueOf(path.getElement(i))));
        }
        if (PROPERTY_KEYWORDS.contains(error.getKeyword()) && error.getProperty() != null) {
            pointer.append('/').append(escape(error.getProperty()));
        }
        return pointer.toString();
    }

    private static String escape(String segment) {
        return segment.replace("~", "~0").replace("/", "~1");
    }
}
