package io.flowgate.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.flowgate.app.testing.ApiClient;
import io.flowgate.app.testing.Platform;
import io.flowgate.app.testing.RawHttp;
import io.flowgate.app.testing.TestNode;
import io.flowgate.core.Json;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Slow, hostile and malformed clients are cut off or refused with a 4xx, and they neither crash the node
 * nor hurt well-behaved callers.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WebhookAbuseIT {

    private static final int BODY_LIMIT = 32 * 1024;

    private TestNode node;
    private ApiClient api;
    private String flow;
    private int port;

    @BeforeAll
    void start() {
        node = TestNode.embedded(Map.of("FLOWGATE_MAX_BODY_BYTES", String.valueOf(BODY_LIMIT),
                "FLOWGATE_HTTP_READ_TIMEOUT_SECONDS", "2", "FLOWGATE_MAX_HEADER_BYTES", "8192"));
        Platform platform = node.platform();
        api = node.api();
        flow = platform.startFlow(platform.createWorkspace("abuse"), "greeter");
        port = URI.create(api.base()).getPort();
    }

    @AfterAll
    void stop() {
        node.close();
    }

    @Test
    void aSlowlorisClientIsCutOffWhileOthersAreServed() {
        try (RawHttp slow = RawHttp.open(port, Duration.ofSeconds(20))) {
            slow.send("POST /hook/" + flow + " HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: 1\r\n");
            assertThat(api.webhook(flow, Json.object().put("name", "fast")).status()).isEqualTo(202);
            await().atMost(Duration.ofSeconds(30)).until(slow::closedByServer);
        }
    }

    @Test
    void hugeHeadersAreRefused() {
        String request = "POST /hook/" + flow + " HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: " + "a".repeat(64 * 1024)
                + "\r\nContent-Length: 0\r\n\r\n";
        int status = RawHttp.exchange(port, request.getBytes(StandardCharsets.ISO_8859_1), Duration.ofSeconds(10));
        assertThat(status).satisfiesAnyOf(s -> assertThat(s).isBetween(400, 499), s -> assertThat(s).isEqualTo(-1));
        assertServing();
    }

    @Test
    void anEndlessChunkedBodyIsStoppedAtTheLimit() {
        try (RawHttp endless = RawHttp.open(port, Duration.ofSeconds(20))) {
            endless.send("POST /hook/" + flow + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                    + "Transfer-Encoding: chunked\r\n\r\n");
            String chunk = Integer.toHexString(4096) + "\r\n" + "x".repeat(4096) + "\r\n";
            for (int i = 0; i < 4 * BODY_LIMIT / 4096; i++) {
                endless.send(chunk);
            }
            int status = endless.status();
            assertThat(status).satisfiesAnyOf(s -> assertThat(s).isEqualTo(413), s -> assertThat(s).isEqualTo(-1));
        }
        assertServing();
    }

    @Test
    void aContentLengthOverTheLimitIsRefusedBeforeTheBodyIsRead() {
        String request = "POST /hook/" + flow + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                + "Content-Length: 999999999\r\n\r\n{";
        int status = RawHttp.exchange(port, request.getBytes(StandardCharsets.ISO_8859_1), Duration.ofSeconds(10));
        assertThat(status).satisfiesAnyOf(s -> assertThat(s).isEqualTo(413), s -> assertThat(s).isEqualTo(-1));
        assertServing();
    }

    @Test
    void malformedRequestsGetA4xxAndNeverA5xx() {
        List<byte[]> requests = new ArrayList<>();
        requests.add(withBody("application/json", "{\"a\":".getBytes(StandardCharsets.UTF_8)));
        requests.add(withBody("application/json", "{\"a\":1}}".getBytes(StandardCharsets.UTF_8)));
        requests.add(withBody("application/json", new byte[] {'{', '"', (byte) 0xFF, '"', ':', '1', '}'}));
        requests.add(withBody("application/x-www-form-urlencoded", "a=%zz&b=%".getBytes(StandardCharsets.UTF_8)));
        requests.add(withBody("text/plain", new byte[] {(byte) 0xC0, (byte) 0x80}));
        requests.add(withBody("multipart/form-data; boundary=q", "--q\r\nno headers end".getBytes(StandardCharsets.UTF_8)));
        requests.add(withBody("multipart/form-data; boundary=q", "--q\r\nContent-Disposition: form-data\r\n\r\nx\r\n--q--".getBytes(StandardCharsets.UTF_8)));
        requests.add(raw("POST /hook/" + flow + " HTTP/1.1\r\nHost: a\r\nContent-Length: abc\r\n\r\n"));
        requests.add(raw("POST /hook/" + flow + " HTTP/1.1\r\nHost: a\r\nContent-Length: -5\r\n\r\n"));
        requests.add(raw("POST /hook/" + flow + " HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\nContent-Length: 4\r\n\r\nabcd"));
        requests.add(raw("POST /hook/" + flow + " HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nabc\r\n0\r\n\r\n"));
        requests.add(raw("GARBAGE\r\n\r\n"));
        requests.add(raw("POST /hook/%zz HTTP/1.1\r\nHost: a\r\n\r\n"));
        requests.add(raw("POST /hook/" + flow + " HTTP/9.9\r\nHost: a\r\n\r\n"));
        requests.add(raw("POST /hook/" + flow + " HTTP/1.1\r\nBad Header Without Colon\r\n\r\n"));
        Random random = new Random(42);
        for (int i = 0; i < 25; i++) {
            byte[] noise = new byte[1 + random.nextInt(512)];
            random.nextBytes(noise);
            requests.add(withBody(i % 2 == 0 ? "application/json" : "application/x-www-form-urlencoded", noise));
        }
        for (byte[] request : requests) {
            int status = RawHttp.exchange(port, request, Duration.ofSeconds(10));
            assertThat(status).as(new String(request, 0, Math.min(80, request.length), StandardCharsets.ISO_8859_1))
                    .satisfiesAnyOf(s -> assertThat(s).isBetween(400, 499), s -> assertThat(s).isEqualTo(-1));
        }
        assertServing();
    }

    @Test
    void aLongLivedEventStreamIsNotMistakenForAnIdleConnection() throws Exception {
        var request = java.net.http.HttpRequest.newBuilder(URI.create(api.base() + "/v2/events/stream?channel=flow/" + flow + "/execution"))
                .header("authorization", "Bearer " + TestNode.ADMIN_KEY).build();
        var lines = java.net.http.HttpClient.newHttpClient().send(request, java.net.http.HttpResponse.BodyHandlers.ofLines()).body();
        var completed = new java.util.concurrent.atomic.AtomicInteger();
        Thread reader = Thread.ofVirtual().start(() -> lines.forEach(line -> {
            if (line.contains("\"completed\"")) {
                completed.incrementAndGet();
            }
        }));
        for (int i = 0; i < 6; i++) {
            assertThat(api.webhook(flow, Json.object().put("name", "n" + i)).status()).isEqualTo(202);
            Thread.sleep(1_000);
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> completed.get() >= 6);
        reader.interrupt();
    }

    private byte[] withBody(String contentType, byte[] body) {
        byte[] head = ("POST /hook/" + flow + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\nContent-Type: "
                + contentType + "\r\nContent-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1);
        byte[] request = new byte[head.length + body.length];
        System.arraycopy(head, 0, request, 0, head.length);
        System.arraycopy(body, 0, request, head.length, body.length);
        return request;
    }

    private static byte[] raw(String request) {
        return request.getBytes(StandardCharsets.ISO_8859_1);
    }

    private void assertServing() {
        assertThat(api.webhook(flow, Json.object().put("name", "still here")).status()).isEqualTo(202);
    }
}
