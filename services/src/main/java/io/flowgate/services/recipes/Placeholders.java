package io.flowgate.services.recipes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.flowgate.core.FlowgateException.Problem;
import io.flowgate.core.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code {{name}}} placeholders in the string values of a recipe's graph. A string that is exactly one
 * placeholder becomes the value itself (any JSON type); a placeholder inside a longer string becomes the
 * value's text.
 */
final class Placeholders {

    static final Pattern NAME = Pattern.compile("^[A-Za-z_][A-Za-z0-9_]*$");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([A-Za-z_][A-Za-z0-9_]*)\\s*}}");

    private Placeholders() {
    }

    /** A problem for each placeholder in {@code json} that names no declared parameter. */
    static List<Problem> undeclared(JsonNode json, Set<String> declared, String at) {
        List<Problem> problems = new ArrayList<>();
        strings(json, at, (pointer, text) -> {
            Matcher matcher = PLACEHOLDER.matcher(text);
            while (matcher.find()) {
                if (!declared.contains(matcher.group(1))) {
                    problems.add(Problem.at(pointer, "placeholder {{" + matcher.group(1) + "}} names no parameter"));
                }
            }
        });
        return problems;
    }

    /** A copy of {@code json} with every placeholder replaced by its value. */
    static JsonNode fill(JsonNode json, ObjectNode values) {
        if (json.isTextual()) {
            return fillText(json.asText(), values);
        }
        if (json.isObject()) {
            ObjectNode copy = Json.object();
            json.properties().forEach(field -> copy.set(field.getKey(), fill(field.getValue(), values)));
            return copy;
        }
        if (json.isArray()) {
            ArrayNode copy = Json.array();
            json.forEach(item -> copy.add(fill(item, values)));
            return copy;
        }
        return json;
    }

    private static JsonNode fillText(String text, ObjectNode values) {
        Matcher whole = PLACEHOLDER.matcher(text);
        if (whole.matches() && values.has(whole.group(1))) {
            return values.get(whole.group(1));
        }
        Matcher matcher = PLACEHOLDER.matcher(text);
        StringBuilder filled = new StringBuilder();
        while (matcher.find()) {
            JsonNode value = values.get(matcher.group(1));
            String replacement = value == null ? matcher.group() : value.isValueNode() ? value.asText() : Json.text(value);
            matcher.appendReplacement(filled, Matcher.quoteReplacement(replacement));
        }
        matcher.appendTail(filled);
        return TextNode.valueOf(filled.toString());
    }

    private static void strings(JsonNode json, String pointer, BiConsumer<String, String> visit) {
        if (json.isTextual()) {
            visit.accept(pointer, json.asText());
        } else if (json.isObject()) {
            json.properties().forEach(f -> strings(f.getValue(), pointer + "/" + escape(f.getKey()), visit));
        } else if (json.isArray()) {
            for (int i = 0; i < json.size(); i++) {
                strings(json.get(i), pointer + "/" + i, visit);
            }
        }
    }

    private static String escape(String key) {
        return key.replace("~", "~0").replace("/", "~1");
    }
}
