package io.flowgate.services.ingress;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Form fields as an object: a name given more than once becomes an array of its values. */
final class FormFields {

    private FormFields() {
    }

    static void add(ObjectNode fields, String name, JsonNode value) {
        JsonNode existing = fields.get(name);
        if (existing == null) {
            fields.set(name, value);
        } else if (existing instanceof ArrayNode array && !value.isArray()) {
            array.add(value);
        } else {
            ArrayNode array = fields.arrayNode();
            array.add(existing);
            array.add(value);
            fields.set(name, array);
        }
    }
}
