package io.flowgate.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flowgate.app.testing.ApiClient;
import io.flowgate.app.testing.Platform;
import io.flowgate.app.testing.TestNode;
import io.flowgate.core.Json;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The webhook endpoint as callers meet it: bodies of every kind, authentication, limits and errors. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WebhookIngressIT {

    private static final long BODY_LIMIT = 64 * 1024;

    private TestNode node;
    private Platform platform;
    private ApiClient api;
    private String workspace;
    private String echo;

    @BeforeAll
    void start() {
        node = TestNode.embedded(Map.of("FLOWGATE_MAX_BODY_BYTES", String.valueOf(BODY_LIMIT)));
        platform = node.platform();
        api = node.api();
        workspace = platform.createWorkspace("webhooks");
        echo = platform.startFlow(workspace, "echo");
    }

    @AfterAll
    void stop() {
        node.close();
    }

    private ApiClient.Answer call(String flow, String method, String contentType, byte[] body) {
        return api.raw(method, "/hook/" + flow, contentType == null ? Map.of() : Map.of("content-type", contentType), body);
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class Bodies {

        @Test
        void aJsonObjectIsTheBodyAsSent() {
            ApiClient.Answer answer = call(echo, "POST", "application/json", "{\"a\":{\"b\":[1,2]}}".getBytes(StandardCharsets.UTF_8));
            assertThat(answer.status()).isEqualTo(200);
            assertThat(answer.json().path("body").path("a").path("b").get(1).asInt()).isEqualTo(2);
        }

        @Test
        void jsonArraysAndScalarsAreWrappedNotDropped() {
            JsonNode array = call(echo, "POST", "application/json", "[1,2,3]".getBytes(StandardCharsets.UTF_8)).json().path("body");
            JsonNode scalar = call(echo, "PUT", "application/json", "42".getBytes(StandardCharsets.UTF_8)).json().path("body");
            assertThat(array.path("type").asText()).isEqualTo("json");
            assertThat(array.path("value")).hasSize(3);
            assertThat(scalar.path("value").asInt()).isEqualTo(42);
        }

        @Test
        void formFieldsBecomeAnObjectAndRepeatedNamesAnArray() {
            JsonNode body = call(echo, "POST", "application/x-www-form-urlencoded",
                    "name=Ada+L&tag=a&tag=b&empty=".getBytes(StandardCharsets.UTF_8)).json().path("body");
            assertThat(body.path("name").asText()).isEqualTo("Ada L");
            assertThat(body.path("tag")).hasSize(2);
            assertThat(body.path("empty").asText()).isEmpty();
        }

        @Test
        void multipartFieldsAndFilesAreKept() {
            String multipart = "--XyZ\r\nContent-Disposition: form-data; name=\"title\"\r\n\r\nReport\r\n"
                    + "--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.txt\"\r\nContent-Type: text/plain\r\n\r\nhello file\r\n"
                    + "--XyZ--\r\n";
            JsonNode body = call(echo, "POST", "multipart/form-data; boundary=XyZ", multipart.getBytes(StandardCharsets.UTF_8))
                    .json().path("body");
            assertThat(body.path("title").asText()).isEqualTo("Report");
            JsonNode file = body.path("file");
            assertThat(file.path("filename").asText()).isEqualTo("a.txt");
            assertThat(file.path("contentType").asText()).isEqualTo("text/plain");
            assertThat(file.path("size").asInt()).isEqualTo(10);
            assertThat(new String(Base64.getDecoder().decode(file.path("base64").asText()), StandardCharsets.UTF_8)).isEqualTo("hello file");
        }

        @Test
        void textXmlAndBinaryAreWrappedWithWhatTheyWere() {
            JsonNode xml = call(echo, "POST", "application/xml", "<a>1</a>".getBytes(StandardCharsets.UTF_8)).json().path("body");
            JsonNode text = call(echo, "POST", "text/plain; charset=utf-8", "héllo".getBytes(StandardCharsets.UTF_8)).json().path("body");
            JsonNode binary = call(echo, "POST", "application/octet-stream", new byte[] {0, 1, (byte) 255}).json().path("body");
            assertThat(xml.path("type").asText()).isEqualTo("xml");
            assertThat(xml.path("value").asText()).isEqualTo("<a>1</a>");
            assertThat(text.path("value").asText()).isEqualTo("héllo");
            assertThat(binary.path("type").asText()).isEqualTo("binary");
            assertThat(Base64.getDecoder().decode(binary.path("base64").asText())).containsExactly(0, 1, 255);
        }

        @Test
        void methodExtraPathAndQueryParametersAreCarried() {
            ApiClient.Answer answer = api.raw("DELETE", "/webhook/flow/" + echo + "/orders/7?dry=true&x=1", Map.of(), null);
            assertThat(answer.status()).isEqualTo(200);
            assertThat(answer.json().path("method").asText()).isEqualTo("DELETE");
            assertThat(answer.json().path("path").asText()).isEqualTo("orders/7");
            assertThat(answer.json().path("query").path("dry").asText()).isEqualTo("true");
        }

        @Test
        void bodiesThatDoNotParseAsTheirContentTypeSayAre400() {
            ApiClient.Answer json = call(echo, "POST", "application/json", "{\"a\":".getBytes(StandardCharsets.UTF_8));
            ApiClient.Answer text = call(echo, "POST", "text/plain", new byte[] {(byte) 0xC3, (byte) 0x28});
            ApiClient.Answer multipart = call(echo, "POST", "multipart/form-data", "x".getBytes(StandardCharsets.UTF_8));
            assertThat(json.status()).isEqualTo(400);
            assertThat(json.json().path("errors").get(0).path("title").asText()).isEqualTo("Bad Request");
            assertThat(text.status()).isEqualTo(400);
            assertThat(multipart.status()).isEqualTo(400);
        }

        @Test
        void anOverlongCorrelationIdIs400() {
            ApiClient.Answer answer = api.raw("POST", "/hook/" + echo, Map.of("x-correlation-id", "c".repeat(201)), null);
            assertThat(answer.status()).isEqualTo(400);
            assertThat(answer.json().path("errors").get(0).path("detail").asText()).contains("X-Correlation-Id");
        }

        @Test
        void aBodyOverTheLimitIs413() {
            ApiClient.Answer answer = call(echo, "POST", "application/json", new byte[(int) BODY_LIMIT + 1]);
            assertThat(answer.status()).isEqualTo(413);
        }

        @Test
        void otherMethodsAre405() {
            ApiClient.Answer answer = api.raw("OPTIONS", "/hook/" + echo, Map.of(), null);
            assertThat(answer.status()).isEqualTo(405);
            assertThat(answer.json().path("errors").get(0).path("status").asInt()).isEqualTo(405);
        }
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class Authentication {

        private String flowWith(ObjectNode auth) {
            ObjectNode fields = Json.object();
            fields.set("auth", auth);
            return platform.startFlow(workspace, "auth-" + auth.path("type").asText(), Platform.webhookEcho(fields));
        }

        @Test
        void basicAuthNeedsTheRightUserAndPassword() {
            String flow = flowWith(Json.object().put("type", "basic").put("username", "shop").put("password", "s3cret"));
            assertThat(status(flow, Map.of("authorization", basic("shop:s3cret")))).isEqualTo(200);
            assertThat(status(flow, Map.of("authorization", basic("shop:wrong")))).isEqualTo(401);
            assertThat(status(flow, Map.of())).isEqualTo(401);
        }

        @Test
        void apiKeyAuthComparesTheConfiguredHeader() {
            String flow = flowWith(Json.object().put("type", "apiKey").put("header", "X-Shop-Key").put("value", "k-123"));
            assertThat(status(flow, Map.of("x-shop-key", "k-123"))).isEqualTo(200);
            assertThat(status(flow, Map.of("x-shop-key", "k-124"))).isEqualTo(401);
        }

        @Test
        void hmacChecksTheHexDigestOfTheRawBody() {
            String sha256 = flowWith(Json.object().put("type", "hmac").put("algorithm", "sha256").put("secret", "hush"));
            String sha512 = flowWith(Json.object().put("type", "hmac").put("algorithm", "sha512").put("secret", "hush")
                    .put("header", "X-Signature"));
            byte[] body = "{\"id\":1}".getBytes(StandardCharsets.UTF_8);
            assertThat(signed(sha256, "x-eio-signature", hex("HmacSHA256", "hush", body), body)).isEqualTo(200);
            assertThat(signed(sha256, "x-eio-signature", "sha256=" + hex("HmacSHA256", "hush", body), body)).isEqualTo(200);
            assertThat(signed(sha256, "x-eio-signature", hex("HmacSHA256", "other", body), body)).isEqualTo(401);
            assertThat(signed(sha512, "x-signature", hex("HmacSHA512", "hush", body), body)).isEqualTo(200);
            assertThat(signed(sha512, "x-signature", hex("HmacSHA256", "hush", body), body)).isEqualTo(401);
        }

        @Test
        void standardWebhooksSignaturesAreCheckedWithTheirTolerance() {
            byte[] key = "a-32-byte-secret-for-the-testing".getBytes(StandardCharsets.UTF_8);
            String secret = "whsec_" + Base64.getEncoder().encodeToString(key);
            String flow = flowWith(Json.object().put("type", "standardWebhooks").put("secret", secret));
            byte[] body = "{\"event\":\"paid\"}".getBytes(StandardCharsets.UTF_8);
            long now = Instant.now().getEpochSecond();
            assertThat(standard(flow, "msg_1", now, key, body)).isEqualTo(200);
            assertThat(standard(flow, "msg_2", now - 600, key, body)).isEqualTo(401);
            assertThat(standard(flow, "msg_3", now, "another-key".getBytes(StandardCharsets.UTF_8), body)).isEqualTo(401);
        }

        private int status(String flow, Map<String, String> headers) {
            return api.raw("POST", "/hook/" + flow, headers, new byte[0]).status();
        }

        private int signed(String flow, String header, String signature, byte[] body) {
            return api.raw("POST", "/hook/" + flow, Map.of("content-type", "application/json", header, signature), body).status();
        }

        private int standard(String flow, String id, long timestamp, byte[] key, byte[] body) {
            byte[] content = (id + "." + timestamp + "." + new String(body, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
            String signature = "v1," + Base64.getEncoder().encodeToString(mac("HmacSHA256", key, content));
            return api.raw("POST", "/hook/" + flow, Map.of("content-type", "application/json", "webhook-id", id,
                    "webhook-timestamp", String.valueOf(timestamp), "webhook-signature", "v1,bm9wZQ== " + signature), body).status();
        }
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class Limits {

        @Test
        void aFlowOverItsRateLimitAnswers429WithRetryAfter() {
            String flow = platform.startFlow(workspace, "limited", Platform.webhookEcho(Json.object().put("rateLimitPerMinute", 2)));
            assertThat(call(flow, "POST", null, null).status()).isEqualTo(200);
            assertThat(call(flow, "POST", null, null).status()).isEqualTo(200);
            ApiClient.Answer refused = call(flow, "POST", null, null);
            assertThat(refused.status()).isEqualTo(429);
            assertThat(Integer.parseInt(refused.header("retry-after"))).isPositive();
        }
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class Metrics {

        @Test
        void requestsAreCountedByFlowOutcomeAndStatusAndMadeUpFlowIdsTogether() {
            String flow = platform.startFlow(workspace, "counted", Platform.webhookEcho(Json.object()
                    .set("auth", Json.object().put("type", "apiKey").put("header", "X-Key").put("value", "k-1"))));
            String madeUp = java.util.UUID.randomUUID().toString();

            assertThat(api.raw("POST", "/hook/" + flow, Map.of("x-key", "k-1"), null).status()).isEqualTo(200);
            assertThat(api.raw("POST", "/hook/" + flow, Map.of("x-key", "k-2"), null).status()).isEqualTo(401);
            assertThat(call(madeUp, "POST", null, null).status()).isEqualTo(404);
            String metrics = api.raw("GET", "/metrics", Map.of(), null).text();

            assertThat(metrics)
                    .contains("flowgate_webhook_requests_total{flow=\"" + flow + "\",outcome=\"replied\",status=\"200\"} 1.0")
                    .contains("flowgate_webhook_requests_total{flow=\"" + flow + "\",outcome=\"rejected\",status=\"401\"} 1.0")
                    .contains("flowgate_webhook_requests_total{flow=\"unknown\",outcome=\"rejected\",status=\"404\"}")
                    .doesNotContain(madeUp);
        }
    }

    private static String basic(String pair) {
        return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
    }

    private static String hex(String algorithm, String secret, byte[] body) {
        return HexFormat.of().formatHex(mac(algorithm, secret.getBytes(StandardCharsets.UTF_8), body));
    }

    private static byte[] mac(String algorithm, byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance(algorithm);
            mac.init(new SecretKeySpec(key, algorithm));
            return mac.doFinal(data);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
