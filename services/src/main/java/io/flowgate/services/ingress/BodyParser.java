package io.flowgate.services.ingress;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flowgate.core.FlowgateException;
import io.flowgate.core.Json;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;

/**
 * Turns a request body into the {@code body} object of a WebhookTriggerMessage. A JSON object is kept
 * as is, form fields become an object; anything else (a JSON array or scalar, text, XML, binary) is
 * wrapped in an object that says what it was. Nothing is dropped. A body that does not parse as its
 * content type says is INVALID_INPUT.
 */
public final class BodyParser {

    private BodyParser() {
    }

    public static ObjectNode parse(String contentType, byte[] raw) {
        if (raw.length == 0) {
            return Json.object();
        }
        String type = mediaType(contentType);
        if (type.equals("application/json") || type.endsWith("+json")) {
            return json(raw);
        }
        if (type.equals("application/x-www-form-urlencoded")) {
            return form(raw);
        }
        if (type.startsWith("multipart/form-data")) {
            return MultipartParser.parse(contentType, raw);
        }
        if (type.equals("application/xml") || type.equals("text/xml") || type.endsWith("+xml")) {
            return wrapped("xml", type, Json.MAPPER.getNodeFactory().textNode(utf8(raw)));
        }
        if (type.startsWith("text/")) {
            return wrapped("text", type, Json.MAPPER.getNodeFactory().textNode(utf8(raw)));
        }
        return binary(type.isEmpty() ? "application/octet-stream" : type, raw);
    }

    private static ObjectNode json(byte[] raw) {
        JsonNode parsed = Json.parse(raw);
        return parsed instanceof ObjectNode object ? object : wrapped("json", "application/json", parsed);
    }

    private static ObjectNode form(byte[] raw) {
        String text = utf8(raw);
        ObjectNode fields = Json.object();
        for (String pair : text.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = decode(equals < 0 ? pair : pair.substring(0, equals));
            String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
            FormFields.add(fields, name, Json.MAPPER.getNodeFactory().textNode(value));
        }
        return fields;
    }

    private static ObjectNode binary(String type, byte[] raw) {
        ObjectNode body = Json.object();
        body.put("type", "binary");
        body.put("contentType", type);
        body.put("size", raw.length);
        body.put("base64", Base64.getEncoder().encodeToString(raw));
        return body;
    }

    private static ObjectNode wrapped(String kind, String type, JsonNode value) {
        ObjectNode body = Json.object();
        body.put("type", kind);
        body.put("contentType", type);
        body.set("value", value);
        return body;
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw FlowgateException.invalid("The form body is not valid URL encoding: " + e.getMessage());
        }
    }

    /** Decodes UTF-8 strictly: malformed bytes are bad input, not silently replaced. */
    static String utf8(byte[] raw) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(raw)).toString();
        } catch (CharacterCodingException e) {
            throw FlowgateException.invalid("The body is not valid UTF-8 text");
        }
    }

    static String mediaType(String contentType) {
        if (contentType == null) {
            return "";
        }
        int semicolon = contentType.indexOf(';');
        return (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).trim().toLowerCase(Locale.ROOT);
    }
}
