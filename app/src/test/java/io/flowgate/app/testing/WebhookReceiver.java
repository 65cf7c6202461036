package io.flowgate.app.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.flowgate.core.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A customer's webhook endpoint on 127.0.0.1: it records every request per path and answers each path with
 * the statuses it was told, in turn (200 once they are used up). {@link #verifies} checks a signature the way
 * the Standard Webhooks libraries do, independently of the server's own signer.
 */
public final class WebhookReceiver implements AutoCloseable {

    /** One request as the receiver got it: lower-case header names. */
    public record Received(String path, Map<String, String> headers, byte[] body, Instant at) {

        public String header(String name) {
            return headers.get(name);
        }

        public String webhookId() {
            return header("webhook-id");
        }

        public JsonNode json() {
            return Json.parse(body);
        }

        /** The delivery's headers as a JSON object, to validate against the AsyncAPI document. */
        public ObjectNode headersJson() {
            ObjectNode json = Json.object();
            headers.forEach(json::put);
            return json;
        }
    }

    private static final long TOLERANCE_SECONDS = 300;

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final Map<String, Queue<Integer>> scripts = new ConcurrentHashMap<>();

    private WebhookReceiver(HttpServer server) {
        this.server = server;
    }

    public static WebhookReceiver start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 100);
            WebhookReceiver receiver = new WebhookReceiver(server);
            server.createContext("/", receiver::handle);
            server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
            server.start();
            return receiver;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    /** The next requests to {@code path} get these statuses, in turn. */
    public void answer(String path, Integer... statuses) {
        scripts.computeIfAbsent(path, key -> new ConcurrentLinkedQueue<>()).addAll(List.of(statuses));
    }

    /** Forgets the statuses still scripted for {@code path}: it answers 200 from now on. */
    public void clear(String path) {
        scripts.remove(path);
    }

    public List<Received> received(String path) {
        return received.stream().filter(request -> request.path().equals(path)).toList();
    }

    private void handle(HttpExchange exchange) throws IOException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        Map<String, String> headers = new HashMap<>();
        exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), values.getFirst()));
        String path = exchange.getRequestURI().getPath();
        received.add(new Received(path, headers, body, Instant.now()));
        Integer scripted = scripts.getOrDefault(path, new ConcurrentLinkedQueue<>()).poll();
        int status = scripted == null ? 200 : scripted;
        byte[] answer = (status < 300 ? "thanks" : "not now").getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, answer.length);
        exchange.getResponseBody().write(answer);
        exchange.close();
    }

    /**
     * True when one of the request's {@code v1} signatures is the HMAC-SHA256, keyed with {@code secret}, of
     * {@code "<webhook-id>.<webhook-timestamp>.<body>"}, and the timestamp is within five minutes.
     */
    public static boolean verifies(String secret, Received request) {
        String id = request.header("webhook-id");
        String timestamp = request.header("webhook-timestamp");
        String signatures = request.header("webhook-signature");
        if (id == null || timestamp == null || signatures == null) {
            return false;
        }
        if (Math.abs(Instant.now().getEpochSecond() - Long.parseLong(timestamp)) > TOLERANCE_SECONDS) {
            return false;
        }
        byte[] expected = ("v1," + hmac(secret, id + "." + timestamp + ".", request.body())).getBytes(StandardCharsets.US_ASCII);
        for (String signature : signatures.split(" ")) {
            if (MessageDigest.isEqual(expected, signature.getBytes(StandardCharsets.US_ASCII))) {
                return true;
            }
        }
        return false;
    }

    private static String hmac(String secret, String prefix, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring("whsec_".length())), "HmacSHA256"));
            mac.update(prefix.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
