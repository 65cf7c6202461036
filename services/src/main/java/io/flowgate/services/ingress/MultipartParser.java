package io.flowgate.services.ingress;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flowgate.core.FlowgateException;
import io.flowgate.core.Json;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * multipart/form-data bodies: text fields become strings, files become objects with their name,
 * content type, size and base64 content.
 */
final class MultipartParser {

    private static final Pattern BOUNDARY = Pattern.compile("boundary=(\"?)([^\";]+)\\1", Pattern.CASE_INSENSITIVE);
    private static final Pattern PARAMETER = Pattern.compile(";\\s*([a-zA-Z*]+)=(\"([^\"]*)\"|[^;]*)");
    private static final byte[] HEADER_END = "\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

    private MultipartParser() {
    }

    static ObjectNode parse(String contentType, byte[] raw) {
        Matcher matcher = BOUNDARY.matcher(contentType);
        if (!matcher.find()) {
            throw FlowgateException.invalid("multipart/form-data without a boundary parameter");
        }
        byte[] delimiter = ("--" + matcher.group(2)).getBytes(StandardCharsets.US_ASCII);
        ObjectNode fields = Json.object();
        int position = indexOf(raw, delimiter, 0);
        if (position < 0) {
            throw FlowgateException.invalid("The multipart body does not contain its boundary");
        }
        while (true) {
            int partStart = position + delimiter.length;
            if (startsWith(raw, partStart, "--")) {
                return fields;
            }
            partStart = skipLineBreak(raw, partStart);
            int next = indexOf(raw, delimiter, partStart);
            if (next < 0) {
                throw FlowgateException.invalid("The multipart body ends without its closing boundary");
            }
            int partEnd = next >= 2 && raw[next - 2] == '\r' && raw[next - 1] == '\n' ? next - 2 : next;
            addPart(fields, Arrays.copyOfRange(raw, partStart, partEnd));
            position = next;
        }
    }

    private static void addPart(ObjectNode fields, byte[] part) {
        int headerEnd = indexOf(part, HEADER_END, 0);
        if (headerEnd < 0) {
            throw FlowgateException.invalid("A multipart part has no header section");
        }
        Map<String, String> headers = headers(new String(part, 0, headerEnd, StandardCharsets.UTF_8));
        byte[] content = Arrays.copyOfRange(part, headerEnd + HEADER_END.length, part.length);
        Map<String, String> disposition = parameters(headers.getOrDefault("content-disposition", ""));
        String name = disposition.get("name");
        if (name == null) {
            throw FlowgateException.invalid("A multipart part has no name in its Content-Disposition");
        }
        String filename = disposition.get("filename");
        if (filename == null) {
            FormFields.add(fields, name, Json.MAPPER.getNodeFactory().textNode(BodyParser.utf8(content)));
            return;
        }
        ObjectNode file = Json.object();
        file.put("type", "file");
        file.put("filename", filename);
        file.put("contentType", headers.getOrDefault("content-type", "application/octet-stream"));
        file.put("size", content.length);
        file.put("base64", Base64.getEncoder().encodeToString(content));
        FormFields.add(fields, name, file);
    }

    private static Map<String, String> headers(String block) {
        Map<String, String> headers = new HashMap<>();
        for (String line : block.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
            }
        }
        return headers;
    }

    private static Map<String, String> parameters(String header) {
        Map<String, String> parameters = new HashMap<>();
        Matcher matcher = PARAMETER.matcher(header);
        while (matcher.find()) {
            String value = matcher.group(3) != null ? matcher.group(3) : matcher.group(2).trim();
            parameters.put(matcher.group(1).toLowerCase(Locale.ROOT), value);
        }
        return parameters;
    }

    private static int skipLineBreak(byte[] raw, int at) {
        if (startsWith(raw, at, "\r\n")) {
            return at + 2;
        }
        return startsWith(raw, at, "\n") ? at + 1 : at;
    }

    private static boolean startsWith(byte[] raw, int at, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
        if (at + bytes.length > raw.length) {
            return false;
        }
        for (int i = 0; i < bytes.length; i++) {
            if (raw[at + i] != bytes[i]) {
                return false;
            }
        }
        return true;
    }

    private static int indexOf(byte[] haystack, byte[] needle, int from) {
        outer:
        for (int i = Math.max(0, from); i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
