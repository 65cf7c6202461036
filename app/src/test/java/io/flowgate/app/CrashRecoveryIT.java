package io.flowgate.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.flowgate.app.testing.ApiClient;
import io.flowgate.app.testing.Platform;
import io.flowgate.app.testing.ServerProcess;
import io.flowgate.core.Json;
import io.flowgate.testing.TempDirs;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A kill -9 of the whole process while work is in flight loses nothing: after a restart every request
 * that got a 202 has exactly one completed execution, every step ran once per message and every event
 * exists once.
 */
class CrashRecoveryIT {

    private static final int REQUESTS = 200;
    private static final int ITEMS_PER_REQUEST = 20;

    private final Path dir = TempDirs.create("crash");
    private ServerProcess server;

    @AfterEach
    void cleanUp() {
        if (server != null) {
            server.close();
        }
        TempDirs.delete(dir);
    }

    @Test
    void killMinusNineAfterAcceptingLosesNothingAndRunsNothingTwice() throws Exception {
        Map<String, String> env = ServerProcess.embeddedEnvironment(dir, "fg_crash_test_key_000000000000000");
        server = new ServerProcess(env, dir.resolve("server.log")).start();
        Platform platform = new Platform(server.api(env.get("FLOWGATE_ADMIN_TOKEN")));
        String flow = platform.startFlow(platform.createWorkspace("crash"), "split");

        List<String> accepted = sendConcurrently(platform.api(), flow);
        int doneBeforeKill = completedExecutions(platform, flow).size();
        server.kill();
        System.out.printf("killed with %d of %d accepted executions completed%n", doneBeforeKill, accepted.size());

        server.start();
        platform = new Platform(server.api(env.get("FLOWGATE_ADMIN_TOKEN")));
        Set<String> expected = new HashSet<>(accepted);
        Platform after = platform;
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(1))
                .until(() -> completedExecutions(after, flow).containsAll(expected));

        List<JsonNode> lifecycle = platform.events("flow/" + flow + "/execution");
        assertThat(lifecycle.stream().map(e -> e.path("payload").path("eventId").asText()).distinct().count())
                .as("no event is stored twice").isEqualTo(lifecycle.size());
        Map<String, List<String>> statusesByExecution = lifecycle.stream().collect(Collectors.groupingBy(
                e -> e.path("payload").path("executionId").asText(),
                Collectors.mapping(e -> e.path("payload").path("status").asText(), Collectors.toList())));
        assertThat(statusesByExecution.keySet()).containsExactlyInAnyOrderElementsOf(expected);
        statusesByExecution.values().forEach(statuses -> assertThat(statuses).containsExactly("started", "completed"));
        for (String executionId : accepted.subList(0, 20)) {
            JsonNode runs = platform.execution(executionId).path("attributes").path("step_runs");
            assertThat(runs).hasSize(2 + ITEMS_PER_REQUEST);
            runs.forEach(run -> assertThat(run.path("attempts")).as("each step ran once").hasSize(1));
        }
    }

    private static List<String> sendConcurrently(ApiClient api, String flow) throws InterruptedException {
        var body = Json.object();
        var items = body.putArray("items");
        for (int i = 0; i < ITEMS_PER_REQUEST; i++) {
            items.add(i);
        }
        ConcurrentLinkedQueue<String> accepted = new ConcurrentLinkedQueue<>();
        try (ExecutorService senders = Executors.newFixedThreadPool(16)) {
            for (int i = 0; i < REQUESTS; i++) {
                senders.submit(() -> {
                    ApiClient.Answer answer = api.webhook(flow, body);
                    if (answer.status() == 202) {
                        accepted.add(answer.json().path("executionId").asText());
                    }
                });
            }
            senders.shutdown();
            assertThat(senders.awaitTermination(2, TimeUnit.MINUTES)).isTrue();
        }
        assertThat(accepted).hasSize(REQUESTS);
        return new ArrayList<>(accepted);
    }

    private static Set<String> completedExecutions(Platform platform, String flow) {
        return platform.events("flow/" + flow + "/execution").stream()
                .filter(e -> e.path("payload").path("status").asText().equals("completed"))
                .map(e -> e.path("payload").path("executionId").asText())
                .collect(Collectors.toSet());
    }
}
