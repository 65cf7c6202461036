package io.flowgate.runtime.components;

import static io.flowgate.runtime.components.Steps.failed;
import static io.flowgate.runtime.components.Steps.object;
import static io.flowgate.runtime.components.Steps.single;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.flowgate.core.Json;
import io.flowgate.runtime.component.JsonataExpression.EvaluationException;
import io.flowgate.runtime.component.StepResult;
import io.flowgate.runtime.component.TestStepContext;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The http request step against a real HTTP server on 127.0.0.1. */
@Timeout(60)
class HttpRequestTest {

    /** What the server got. */
    record Received(String method, String path, Map<String, List<String>> headers, String body) {
        String header(String name) {
            List<String> values = headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .findFirst().map(Map.Entry::getValue).orElse(List.of());
            assertThat(values).as("values of header " + name).hasSizeLessThanOrEqualTo(1);
            return values.isEmpty() ? null : values.getFirst();
        }
    }

    private final BlockingQueue<Received> received = new LinkedBlockingQueue<>();
    private final CountDownLatch release = new CountDownLatch(1);
    private ExecutorService executor;
    private HttpServer server;
    private String base;

    @BeforeEach
    void startServer() throws IOException {
        executor = Executors.newVirtualThreadPerTaskExecutor();
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(executor);
        server.createContext("/json", exchange -> answer(exchange, 200, "application/json", "{\"ok\":true,\"n\":[1,2]}"));
        server.createContext("/text", exchange -> answer(exchange, 200, "text/plain", "plain words"));
        server.createContext("/empty", exchange -> answer(exchange, 204, null, null));
        server.createContext("/status/", exchange -> {
            int status = Integer.parseInt(exchange.getRequestURI().getPath().substring("/status/".length()));
            answer(exchange, status, "application/json", "{\"error\":\"as asked\"}");
        });
        server.createContext("/hang", exchange -> {
            record(exchange);
            await();
            exchange.close();
        });
        server.createContext("/trickle", exchange -> {
            record(exchange);
            exchange.sendResponseHeaders(200, 0);
            exchange.getResponseBody().write("{\"partial\":".getBytes(StandardCharsets.UTF_8));
            exchange.getResponseBody().flush();
            await();
            exchange.close();
        });
        server.createContext("/huge", exchange -> {
            record(exchange);
            exchange.sendResponseHeaders(200, 0);
            byte[] chunk = new byte[64 * 1024];
            java.util.Arrays.fill(chunk, (byte) 'x');
            try (OutputStream out = exchange.getResponseBody()) {
                for (int i = 0; i < 11 * 16 + 1; i++) {
                    out.write(chunk);
                }
            } catch (IOException e) {
                // the client stopped reading: that is the point
            }
        });
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterEach
    void stopServer() {
        release.countDown();
        server.stop(0);
        executor.close();
    }

    private void record(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        received.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().toString(),
                Map.copyOf(exchange.getRequestHeaders()), body));
    }

    private void answer(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        record(exchange);
        if (contentType != null) {
            exchange.getResponseHeaders().add("Content-Type", contentType);
        }
        exchange.getResponseHeaders().add("X-Served-By", "test");
        byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            exchange.getResponseBody().write(bytes);
        }
        exchange.close();
    }

    private void await() {
        try {
            release.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private Received lastRequest() {
        try {
            Received request = received.poll(30, TimeUnit.SECONDS);
            assertThat(request).as("a request reached the server").isNotNull();
            return request;
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private StepResult call(String fieldsJson, TestStepContext context) {
        return Steps.prepare("http", "request", fieldsJson.replace("BASE", base)).run(context);
    }

    private StepResult call(String fieldsJson) {
        return call(fieldsJson, TestStepContext.of("{\"id\":7,\"name\":\"Ada\"}").withAttributes(object("{\"k\":1}")));
    }

    @Test
    void a2xxAnswerGivesStatusHeadersAndTheParsedBody() {
        StepResult.Output output = single(call("{\"url\":\"BASE/json?page=2\"}"));

        JsonNode body = output.body();
        assertThat(body.get("status").asInt()).isEqualTo(200);
        assertThat(body.at("/headers/content-type").asText()).isEqualTo("application/json");
        assertThat(body.at("/headers/x-served-by").asText()).isEqualTo("test");
        assertThat(body.get("body")).isEqualTo(Json.parse("{\"ok\":true,\"n\":[1,2]}"));
        assertThat(output.attributes()).isEqualTo(object("{\"k\":1}"));
        Received request = lastRequest();
        assertThat(request.method()).isEqualTo("GET");
        assertThat(request.path()).isEqualTo("/json?page=2");
        assertThat(request.body()).isEmpty();
    }

    @Test
    void aTextAnswerIsKeptAsText() {
        assertThat(single(call("{\"url\":\"BASE/text\"}")).body().get("body").asText()).isEqualTo("plain words");
    }

    @Test
    void anEmptyAnswerHasANullBody() {
        JsonNode body = single(call("{\"url\":\"BASE/empty\"}")).body();

        assertThat(body.get("status").asInt()).isEqualTo(204);
        assertThat(body.get("body").isNull()).isTrue();
        assertThat(Json.parse(Json.text(body)).get("body").isNull()).as("as written out").isTrue();
    }

    @Test
    void sendsTheJsonataBodyAsJsonWithTheGivenMethodAndHeaders() {
        single(call("{\"method\":\"POST\",\"url\":\"BASE/json\",\"headers\":{\"X-Trace\":\"t-1\"},"
                + "\"body\":\"{'customer': name, 'step': $stepId}\"}"));

        Received request = lastRequest();
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.header("content-type")).isEqualTo("application/json");
        assertThat(request.header("x-trace")).isEqualTo("t-1");
        assertThat(Json.parse(request.body())).isEqualTo(Json.parse("{\"customer\":\"Ada\",\"step\":\"step\"}"));
    }

    @Test
    void aContentTypeOfTheStepIsSentOnceAndWins() {
        single(call("{\"method\":\"PUT\",\"url\":\"BASE/json\",\"headers\":{\"Content-Type\":\"application/vnd.api+json\"},"
                + "\"body\":\"$\"}"));

        assertThat(lastRequest().header("content-type")).isEqualTo("application/vnd.api+json");
    }

    @ParameterizedTest
    @ValueSource(ints = {400, 401, 403, 404, 409, 422})
    void a4xxAnswerIsAPermanentError(int status) {
        StepResult.Fail fail = failed(call("{\"url\":\"BASE/status/" + status + "\"}"));

        assertThat(fail.retryable()).isFalse();
        assertThat(fail.error().name()).isEqualTo("HttpClientError");
        assertThat(fail.error().message()).contains(String.valueOf(status));
    }

    @ParameterizedTest
    @ValueSource(ints = {500, 502, 503, 504})
    void a5xxAnswerIsARetryableError(int status) {
        StepResult.Fail fail = failed(call("{\"url\":\"BASE/status/" + status + "\"}"));

        assertThat(fail.retryable()).isTrue();
        assertThat(fail.error().name()).isEqualTo("HttpServerError");
        assertThat(fail.error().message()).contains(String.valueOf(status));
    }

    @Test
    void noAnswerInTimeIsARetryableTimeout() {
        StepResult.Fail fail = failed(call("{\"url\":\"BASE/hang\",\"timeoutMs\":200}"));

        assertThat(fail.retryable()).isTrue();
        assertThat(fail.error().name()).isEqualTo("HttpTimeout");
    }

    @Test
    void aBodyThatStopsComingIsARetryableTimeoutToo() {
        StepResult.Fail fail = failed(call("{\"url\":\"BASE/trickle\",\"timeoutMs\":300}"));

        assertThat(fail.retryable()).isTrue();
        assertThat(fail.error().name()).isEqualTo("HttpTimeout");
    }

    @Test
    void aRefusedConnectionIsARetryableError() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }

        StepResult.Fail fail = failed(Steps.prepare("http", "request",
                "{\"url\":\"http://127.0.0.1:" + closedPort + "/x\",\"timeoutMs\":5000}").run(TestStepContext.of("{}")));

        assertThat(fail.retryable()).isTrue();
        assertThat(fail.error().name()).isEqualTo("HttpConnectionError");
    }

    @Test
    void anAnswerOverTheSizeLimitIsNotKept() {
        JsonNode body = single(call("{\"url\":\"BASE/huge\"}")).body();

        assertThat(body.get("status").asInt()).isEqualTo(200);
        assertThat(body.get("body").asText()).contains("not kept");
    }

    @Test
    void aHeaderTheClientMayNotSetIsAPermanentError() {
        StepResult.Fail fail = failed(call("{\"url\":\"BASE/json\",\"headers\":{\"Connection\":\"close\"}}"));

        assertThat(fail.retryable()).isFalse();
        assertThat(fail.error().name()).isEqualTo("HttpInvalidRequest");
    }

    @Test
    void aBrokenBodyExpressionIsThrownForTheEngineToReport() {
        assertThatThrownBy(() -> call("{\"method\":\"POST\",\"url\":\"BASE/json\",\"body\":\"$error('no body')\"}"))
                .isInstanceOf(EvaluationException.class);
        assertThat(received).isEmpty();
    }

    @Test
    void basicCredential() {
        single(call("{\"url\":\"BASE/json\"}", TestStepContext.of("{}")
                .withCredential(object("{\"type\":\"basic\",\"username\":\"ada\",\"password\":\"s3cret:x\"}"))));

        assertThat(lastRequest().header("authorization")).isEqualTo("Basic "
                + Base64.getEncoder().encodeToString("ada:s3cret:x".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void bearerCredential() {
        single(call("{\"url\":\"BASE/json\"}", TestStepContext.of("{}")
                .withCredential(object("{\"type\":\"bearer\",\"token\":\"tok-1\"}"))));

        assertThat(lastRequest().header("authorization")).isEqualTo("Bearer tok-1");
    }

    @Test
    void apiKeyCredentialWithItsHeader() {
        single(call("{\"url\":\"BASE/json\"}", TestStepContext.of("{}")
                .withCredential(object("{\"type\":\"apiKey\",\"header\":\"X-Token\",\"value\":\"k-1\"}"))));

        assertThat(lastRequest().header("x-token")).isEqualTo("k-1");
    }

    @Test
    void apiKeyCredentialDefaultsToTheXApiKeyHeader() {
        single(call("{\"url\":\"BASE/json\"}", TestStepContext.of("{}")
                .withCredential(object("{\"type\":\"apiKey\",\"value\":\"k-2\"}"))));

        assertThat(lastRequest().header("x-api-key")).isEqualTo("k-2");
    }

    @Test
    void noCredentialNoAuthorization() {
        single(call("{\"url\":\"BASE/json\"}"));

        assertThat(lastRequest().header("authorization")).isNull();
    }

    @Test
    void headRequestsWork() {
        StepResult.Output output = single(call("{\"method\":\"HEAD\",\"url\":\"BASE/json\"}"));

        assertThat(output.body().get("status").asInt()).isEqualTo(200);
        assertThat(lastRequest().method()).isEqualTo("HEAD");
    }
}
