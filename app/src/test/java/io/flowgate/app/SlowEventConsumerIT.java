package io.flowgate.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flowgate.app.testing.ApiClient;
import io.flowgate.app.testing.Platform;
import io.flowgate.app.testing.RawHttp;
import io.flowgate.app.testing.SseClient;
import io.flowgate.app.testing.TestNode;
import io.flowgate.core.Json;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A live stream whose client stops reading is cut off once it falls {@code FLOWGATE_EVENT_STREAM_BUFFER}
 * events behind, instead of making the server hold ever more events for it; other clients go on.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SlowEventConsumerIT {

    private static final Pattern OPEN_STREAMS = Pattern.compile("(?m)^flowgate_event_streams_open\\S* ([0-9.]+)$");

    private TestNode node;
    private Platform platform;
    private ApiClient api;
    private String flow;

    @BeforeAll
    void start() {
        node = TestNode.embedded(Map.of("FLOWGATE_EVENT_STREAM_BUFFER", "8"));
        platform = node.platform();
        api = node.api();
        String workspace = platform.createWorkspace("slow");
        ObjectNode graph = (ObjectNode) Platform.fixture("permanent-failure");
        ((ObjectNode) graph.path("nodes").get(1).path("fields")).put("message", "x".repeat(256 * 1024));
        flow = platform.startFlow(workspace, "big-errors", graph);
    }

    @AfterAll
    void stop() {
        node.close();
    }

    @Test
    void aClientThatStopsReadingIsCutOffWhileOthersAreServed() {
        try (RawHttp slow = RawHttp.open(node.port(), Duration.ofSeconds(5))) {
            slow.send("GET /v2/events/stream?channel=flow/" + flow + "/error HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Authorization: Bearer " + TestNode.ADMIN_KEY + "\r\nAccept: text/event-stream\r\n\r\n");
            await().atMost(Duration.ofSeconds(30)).until(() -> openStreams() == 1);

            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(50)).until(() -> {
                for (int i = 0; i < 4; i++) {
                    assertThat(api.webhook(flow, Json.object()).status()).isEqualTo(202);
                }
                return openStreams() == 0;
            });

            assertThat(slow.closedByServer()).as("the server closed the slow client's connection").isTrue();
        }
        try (SseClient healthy = SseClient.open(api, "channel=flow/" + flow + "/error", null)) {
            assertThat(healthy.take(3, Duration.ofSeconds(60))).allSatisfy(e -> assertThat(e.name()).isEqualTo("FlowErrorEvent"));
        }
    }

    private double openStreams() {
        Matcher matcher = OPEN_STREAMS.matcher(api.raw("GET", "/metrics", Map.of(), null).text());
        return matcher.find() ? Double.parseDouble(matcher.group(1)) : -1;
    }
}
