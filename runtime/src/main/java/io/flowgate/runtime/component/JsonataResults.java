package io.flowgate.runtime.component;

import com.dashjoin.jsonata.Jsonata;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;

/**
 * Turns what a JSONata evaluation gives into JSON: nothing is a missing node, {@code null} a JSON null,
 * whole numbers stay whole. A function (or any other value JSON cannot hold) is an
 * {@link JsonataExpression.EvaluationException}, never an internal object dumped into a message.
 */
final class JsonataResults {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final double LARGEST_EXACT_WHOLE = 9_007_199_254_740_992d;

    private JsonataResults() {
    }

    /** The JSON of a whole result; {@code null} (JSONata's "nothing") is a missing node. */
    static JsonNode toJson(Object result) {
        return result == null ? MissingNode.getInstance() : value(result);
    }

    private static JsonNode value(Object value) {
        return switch (value) {
            case null -> NODES.nullNode();
            case String text -> NODES.textNode(text);
            case Boolean bool -> NODES.booleanNode(bool);
            case Number number -> number(number);
            case Map<?, ?> map -> object(map);
            case List<?> list -> array(list);
            default -> {
                if (value == Jsonata.NULL_VALUE) {
                    yield NODES.nullNode();
                }
                throw new JsonataExpression.EvaluationException(
                        "the result holds a function or another value that JSON cannot hold", null);
            }
        };
    }

    private static JsonNode number(Number number) {
        return switch (number) {
            case Integer i -> NODES.numberNode(i);
            case Long l -> NODES.numberNode(l);
            case BigInteger big -> NODES.numberNode(big);
            case BigDecimal decimal -> NODES.numberNode(decimal);
            default -> {
                double d = number.doubleValue();
                boolean whole = d == Math.rint(d) && Math.abs(d) <= LARGEST_EXACT_WHOLE;
                yield whole ? NODES.numberNode((long) d) : NODES.numberNode(d);
            }
        };
    }

    private static ObjectNode object(Map<?, ?> map) {
        ObjectNode object = NODES.objectNode();
        map.forEach((key, item) -> object.set(String.valueOf(key), value(item)));
        return object;
    }

    private static ArrayNode array(List<?> list) {
        ArrayNode array = NODES.arrayNode();
        list.forEach(item -> array.add(value(item)));
        return array;
    }
}
