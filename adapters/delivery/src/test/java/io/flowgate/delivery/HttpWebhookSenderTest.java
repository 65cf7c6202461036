package io.flowgate.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.flowgate.core.FlowgateException;
import io.flowgate.core.port.TargetGuard;
import io.flowgate.core.port.WebhookSender;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The sender against a real HTTP server on 127.0.0.1. */
class HttpWebhookSenderTest {

    private HttpServer server;
    private final List<Map<String, List<String>>> headers = new CopyOnWriteArrayList<>();
    private final List<String> bodies = new CopyOnWriteArrayList<>();
    private final CountDownLatch release = new CountDownLatch(1);
    private final HttpWebhookSender sender = new HttpWebhookSender(TargetGuard.ALLOW_ALL, Duration.ofMillis(1_500));

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 10);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/ok", exchange -> {
            headers.add(Map.copyOf(exchange.getRequestHeaders()));
            bodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        server.createContext("/big-error", exchange -> {
            exchange.getRequestBody().readAllBytes();
            byte[] body = "e".repeat(100_000).getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(500, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            } catch (IOException e) {
                // the sender stops reading after the snippet
            }
        });
        server.createContext("/redirect", exchange -> {
            exchange.getResponseHeaders().add("location", "http://127.0.0.1:" + server.getAddress().getPort() + "/ok");
            exchange.sendResponseHeaders(302, -1);
            exchange.close();
        });
        server.createContext("/slow", exchange -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        release.countDown();
        sender.close();
        server.stop(0);
    }

    @Test
    void postsTheBodyWithTheGivenHeadersAndReportsTheAnswer() {
        WebhookSender.Outcome outcome = sender.send(request("/ok"));

        assertThat(outcome.statusCode()).isEqualTo(204);
        assertThat(outcome.error()).isNull();
        assertThat(outcome.latencyMillis()).isNotNegative();
        assertThat(bodies).containsExactly("{\"a\":1}");
        assertThat(headers.getFirst().get("Webhook-id")).containsExactly("msg-1");
        assertThat(headers.getFirst().get("Content-type")).containsExactly("application/json");
        assertThat(headers.getFirst().get("User-agent").getFirst()).startsWith("Flowgate-Webhooks/");
    }

    @Test
    void keepsOnlyTheFirstKibOfAnAnswer() {
        WebhookSender.Outcome outcome = sender.send(request("/big-error"));

        assertThat(outcome.statusCode()).isEqualTo(500);
        assertThat(outcome.response()).hasSize(1024).containsOnlyOnce("e".repeat(1024));
    }

    @Test
    void doesNotFollowRedirects() {
        WebhookSender.Outcome outcome = sender.send(request("/redirect"));

        assertThat(outcome.statusCode()).isEqualTo(302);
        assertThat(bodies).isEmpty();
    }

    @Test
    void aReceiverThatDoesNotAnswerInTimeIsAFailureWithoutStatus() {
        WebhookSender.Outcome outcome = sender.send(request("/slow"));

        assertThat(outcome.statusCode()).isNull();
        assertThat(outcome.error()).contains("No answer within 1500 ms");
    }

    @Test
    void aRefusedConnectionIsAFailureWithItsReason() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }

        WebhookSender.Outcome outcome = sender.send(new WebhookSender.Request(URI.create("http://127.0.0.1:" + closedPort + "/x"),
                Map.of(), new byte[0]));

        assertThat(outcome.statusCode()).isNull();
        assertThat(outcome.error()).isNotBlank();
    }

    @Test
    void aTargetTheGuardRefusesIsNeverContacted() {
        TargetGuard refuseAll = url -> {
            throw FlowgateException.unprocessable("The target URL is not allowed",
                    List.of(FlowgateException.Problem.at("/data/attributes/url", url + " is refused: it is private")));
        };
        try (HttpWebhookSender guarded = new HttpWebhookSender(refuseAll)) {
            WebhookSender.Outcome outcome = guarded.send(request("/ok"));

            assertThat(outcome.statusCode()).isNull();
            assertThat(outcome.error()).contains("is refused: it is private");
            assertThat(bodies).isEmpty();
        }
    }

    private WebhookSender.Request request(String path) {
        return new WebhookSender.Request(URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path),
                Map.of("webhook-id", "msg-1", "content-type", "application/json"), "{\"a\":1}".getBytes(StandardCharsets.UTF_8));
    }
}
