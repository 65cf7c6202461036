package io.flowgate.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.flowgate.app.testing.ApiClient;
import io.flowgate.app.testing.EventSchemas;
import io.flowgate.app.testing.Platform;
import io.flowgate.app.testing.SseClient;
import io.flowgate.app.testing.TestNode;
import io.flowgate.core.Json;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Live event streams (Server-Sent Events): resuming across a restart, and many streams at once. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EventStreamIT {

    private static final Duration WAIT = Duration.ofSeconds(60);

    private TestNode node;
    private Platform platform;
    private ApiClient api;
    private String workspace;

    @BeforeAll
    void start() {
        node = TestNode.embedded();
        platform = node.platform();
        api = node.api();
        workspace = platform.createWorkspace("streams");
    }

    @AfterAll
    void stop() {
        try {
            EventSchemas.assertValid(platform.allEvents());
        } finally {
            node.close();
        }
    }

    @Test
    void lastEventIdResumesAcrossARestartWithNothingMissedAndNothingRepeated() {
        String flow = platform.startFlow(workspace, "greeter");
        String channel = "channel=flow/" + flow + "/execution";
        run(flow, "first");
        List<SseClient.Event> seen = new ArrayList<>();
        try (SseClient stream = SseClient.open(api, channel, null)) {
            seen.addAll(stream.take(2, WAIT));
        }

        run(flow, "while away");
        node.restart();
        platform = node.platform();
        api = node.api();
        run(flow, "after the restart");
        try (SseClient resumed = SseClient.open(api, channel, seen.getLast().id())) {
            seen.addAll(resumed.take(4, WAIT));
            run(flow, "live");
            seen.addAll(resumed.take(2, WAIT));
        }

        List<JsonNode> history = platform.events("flow/" + flow + "/execution");
        assertThat(history).hasSize(8);
        assertThat(seen).extracting(SseClient.Event::id).containsExactlyElementsOf(history.stream().map(e -> e.path("cursor").asLong()).toList());
        assertThat(seen).extracting(SseClient.Event::data).containsExactlyElementsOf(history.stream().map(e -> e.path("payload")).toList());
        assertThat(seen).extracting(SseClient.Event::name).containsOnly("FlowExecutionEvent");
    }

    @Test
    void twoHundredConcurrentStreamsEachGetEveryEvent() throws Exception {
        String flow = platform.startFlow(workspace, "greeter");
        List<SseClient> streams = new ArrayList<>();
        try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<SseClient>> opened = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                opened.add(clients.submit(() -> SseClient.open(api, "channel=flow/" + flow + "/execution", null)));
            }
            for (Future<SseClient> stream : opened) {
                streams.add(stream.get());
            }
            run(flow, "everyone");

            List<Future<List<SseClient.Event>>> received = new ArrayList<>();
            streams.forEach(stream -> received.add(clients.submit(() -> stream.take(2, WAIT))));
            List<Long> cursors = platform.events("flow/" + flow + "/execution").stream().map(e -> e.path("cursor").asLong()).toList();
            for (Future<List<SseClient.Event>> events : received) {
                assertThat(events.get()).extracting(SseClient.Event::id).containsExactlyElementsOf(cursors);
            }
        } finally {
            streams.forEach(SseClient::close);
        }
    }

    private void run(String flow, String name) {
        platform.awaitEnd(flow, api.webhook(flow, Json.object().put("name", name)).json().path("executionId").asText());
    }
}
