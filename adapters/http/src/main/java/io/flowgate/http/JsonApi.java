package io.flowgate.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flowgate.core.FlowgateException;
import io.flowgate.core.Ids;
import io.flowgate.core.Json;
import io.flowgate.core.port.Page;
import io.helidon.webserver.http.ServerRequest;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

/**
 * JSON:API documents as elastic.io's v2 API writes them: {@code {"data":{"type","id","attributes",
 * "relationships"}}}, lists with {@code meta.total} and {@code links.next}.
 */
public final class JsonApi {

    private JsonApi() {
    }

    public static ObjectNode resource(String type, Object id, ObjectNode attributes) {
        ObjectNode resource = Json.object();
        resource.put("type", type);
        resource.put("id", String.valueOf(id));
        resource.set("attributes", attributes);
        return resource;
    }

    /** Adds a to-one relationship {@code name} pointing at {@code (type, id)}. */
    public static ObjectNode relate(ObjectNode resource, String name, String type, UUID id) {
        ObjectNode relationships = resource.has("relationships") ? (ObjectNode) resource.get("relationships")
                : resource.putObject("relationships");
        relationships.putObject(name).putObject("data").put("type", type).put("id", id.toString());
        return resource;
    }

    public static ObjectNode document(ObjectNode resource) {
        ObjectNode document = Json.object();
        document.set("data", resource);
        return document;
    }

    public static <T> ObjectNode list(ServerRequest request, Page.Result<T> page, Function<T, ObjectNode> render) {
        ObjectNode document = Json.object();
        ArrayNode data = document.putArray("data");
        page.items().forEach(item -> data.add(render.apply(item)));
        ObjectNode meta = document.putObject("meta");
        meta.put("total", page.total());
        meta.putObject("page").put("number", page.page().number()).put("size", page.page().size());
        ObjectNode links = document.putObject("links");
        links.put("self", pageLink(request, page.page().number(), page.page().size()));
        if (page.hasNext()) {
            links.put("next", pageLink(request, page.page().number() + 1, page.page().size()));
        }
        return document;
    }

    public static <T> ObjectNode all(List<T> items, Function<T, ObjectNode> render) {
        ObjectNode document = Json.object();
        ArrayNode data = document.putArray("data");
        items.forEach(item -> data.add(render.apply(item)));
        document.putObject("meta").put("total", items.size());
        return document;
    }

    /** The attributes of a request document; a bare object without {@code data} is taken as the attributes. */
    public static ObjectNode attributes(JsonNode document) {
        if (!document.isObject()) {
            throw FlowgateException.invalid("The body must be a JSON:API document: {\"data\":{\"attributes\":{…}}}");
        }
        JsonNode data = document.get("data");
        if (data == null) {
            return (ObjectNode) document;
        }
        JsonNode attributes = data.path("attributes");
        if (!attributes.isObject()) {
            throw FlowgateException.invalid("data.attributes must be an object");
        }
        return (ObjectNode) attributes;
    }

    /** The id of the to-one relationship {@code name}, or null. */
    public static UUID relationshipId(JsonNode document, String name) {
        JsonNode id = document.path("data").path("relationships").path(name).path("data").path("id");
        if (id.isMissingNode() || id.isNull()) {
            return null;
        }
        return Ids.parse(id.asText(), "relationships." + name + ".data.id");
    }

    public static String text(ObjectNode attributes, String name) {
        JsonNode value = attributes.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw FlowgateException.invalid("attributes." + name + " must be a string");
        }
        return value.asText();
    }

    private static String pageLink(ServerRequest request, int number, int size) {
        StringBuilder link = new StringBuilder(request.path().absolute().path()).append("?");
        request.query().names().stream().filter(name -> !name.startsWith("page[")).sorted().forEach(name ->
                request.query().all(name).forEach(value -> link.append(encode(name)).append('=').append(encode(value)).append('&')));
        link.append("page%5Bnumber%5D=").append(number).append("&page%5Bsize%5D=").append(size);
        return link.toString();
    }

    private static String encode(String text) {
        return java.net.URLEncoder.encode(text, java.nio.charset.StandardCharsets.UTF_8);
    }
}
