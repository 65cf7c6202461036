package io.flowgate.bench.loadgen;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** One request, sent again and again by a load run: method, URI, headers and body. */
public record HttpSpec(URI uri, String method, Map<String, String> headers, byte[] body) {

    /** The ~500-byte JSON body every webhook scenario sends (the same bytes for every system). */
    public static final String WEBHOOK_BODY = """
            {"name":"World","orderId":"A-10023","customer":{"id":4711,"email":"ada@example.com","tier":"gold"},\
            "items":[{"sku":"X-1","qty":2,"price":9.95},{"sku":"Y-22","qty":1,"price":129.0},{"sku":"Z-333","qty":5,"price":0.99}],\
            "shipping":{"street":"1 Main Street","city":"Springfield","zip":"12345","country":"US"},\
            "notes":"Leave at the door, ring twice. This field pads the body to about five hundred bytes.",\
            "source":"flowgate-bench","version":1}""";

    public static HttpSpec postJson(String url, String json, Map<String, String> extraHeaders) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        headers.putAll(extraHeaders);
        return new HttpSpec(URI.create(url), "POST", headers, json.getBytes(StandardCharsets.UTF_8));
    }

    public static HttpSpec get(String url, Map<String, String> headers) {
        return new HttpSpec(URI.create(url), "GET", headers, new byte[0]);
    }

    public int port() {
        return uri.getPort() > 0 ? uri.getPort() : 80;
    }

    public String pathAndQuery() {
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        return uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
    }

    /** The request as HTTP/1.1 bytes, built once. */
    public byte[] wireBytes() {
        StringBuilder head = new StringBuilder(256);
        head.append(method).append(' ').append(pathAndQuery()).append(" HTTP/1.1\r\n");
        head.append("Host: ").append(uri.getHost()).append(':').append(port()).append("\r\n");
        headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
        if (body.length > 0 || method.equals("POST") || method.equals("PUT")) {
            head.append("Content-Length: ").append(body.length).append("\r\n");
        }
        head.append("\r\n");
        byte[] start = head.toString().getBytes(StandardCharsets.US_ASCII);
        byte[] all = new byte[start.length + body.length];
        System.arraycopy(start, 0, all, 0, start.length);
        System.arraycopy(body, 0, all, start.length, body.length);
        return all;
    }
}
