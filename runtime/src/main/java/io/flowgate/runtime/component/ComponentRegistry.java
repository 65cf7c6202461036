package io.flowgate.runtime.component;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flowgate.core.FlowgateException;
import io.flowgate.core.FlowgateException.Problem;
import io.flowgate.core.Json;
import io.flowgate.core.flow.FlowNode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * Every component function the platform knows, found with {@link ServiceLoader}. Action steps also
 * accept a {@code retry} field ({@link RetryPolicy}), which the registry adds to their schema.
 */
public final class ComponentRegistry {

    private record Entry(ComponentFunction function, ObjectNode schema, JsonSchemaCheck check) {
    }

    private final Map<String, Entry> entries = new LinkedHashMap<>();

    /** The registry of {@code functions}; two functions with the same component id and function name are refused. */
    public ComponentRegistry(Collection<ComponentFunction> functions) {
        for (ComponentFunction function : functions) {
            ObjectNode schema = schemaOf(function);
            String key = key(function.componentId(), function.function());
            Entry earlier = entries.putIfAbsent(key, new Entry(function, schema, JsonSchemaCheck.compile(schema, "/")));
            if (earlier != null) {
                throw new IllegalArgumentException("Two component functions are named " + key + ": "
                        + earlier.function().getClass().getName() + " and " + function.getClass().getName());
            }
        }
    }

    private ComponentRegistry(Map<String, Entry> first, Map<String, Entry> second) {
        entries.putAll(first);
        second.forEach((key, entry) -> {
            if (entries.putIfAbsent(key, entry) != null) {
                throw new IllegalArgumentException("Two component functions are named " + key);
            }
        });
    }

    /** A registry of these functions and {@code more}'s (schemas are not compiled again); a name in both is refused. */
    public ComponentRegistry plus(ComponentRegistry more) {
        return new ComponentRegistry(entries, more.entries);
    }

    /** The ids of the components that have functions here, in order. */
    public List<String> componentIds() {
        return all().stream().map(ComponentFunction::componentId).distinct().toList();
    }

    /** The registry of the components on the class path. */
    public static ComponentRegistry discover() {
        List<ComponentFunction> functions = new ArrayList<>();
        ServiceLoader.load(ComponentProvider.class).forEach(provider -> functions.addAll(provider.functions()));
        return new ComponentRegistry(functions);
    }

    public Optional<ComponentFunction> find(String componentId, String function) {
        return Optional.ofNullable(entries.get(key(componentId, function))).map(Entry::function);
    }

    public List<ComponentFunction> all() {
        return entries.values().stream().map(Entry::function).toList();
    }

    /** The schema of a function's fields as {@code GET /v2/components} shows it. */
    public ObjectNode schema(ComponentFunction function) {
        return entries.get(key(function.componentId(), function.function())).schema().deepCopy();
    }

    /** The problems of a node's fields against its function's schema, at {@code pointer}. */
    public List<Problem> checkFields(FlowNode node, String pointer) {
        Entry entry = entries.get(key(node.componentId(), node.function()));
        return entry == null ? List.of() : entry.check().check(node.fields(), pointer);
    }

    /** Prepares a node to run; its fields must have passed {@link #checkFields}. */
    public PreparedStep prepare(FlowNode node) {
        Entry entry = entries.get(key(node.componentId(), node.function()));
        if (entry == null) {
            throw FlowgateException.unprocessable("Unknown component",
                    List.of(Problem.at("/", "no component " + node.componentId() + "/" + node.function())));
        }
        return entry.function().prepare(node.fields());
    }

    private static ObjectNode schemaOf(ComponentFunction function) {
        ObjectNode schema = function.fieldsSchema().deepCopy();
        if (function.kind() == ComponentFunction.Kind.ACTION) {
            ObjectNode properties = schema.has("properties") ? (ObjectNode) schema.get("properties") : schema.putObject("properties");
            properties.set("retry", RetryPolicy.SCHEMA);
        }
        return schema;
    }

    private static String key(String componentId, String function) {
        return componentId + "/" + function;
    }

    static ObjectNode parseSchema(String json) {
        return (ObjectNode) Json.parse(json);
    }
}
