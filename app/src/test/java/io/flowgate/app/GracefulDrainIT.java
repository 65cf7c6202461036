package io.flowgate.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.flowgate.app.testing.ExactlyOnceAudit;
import io.flowgate.app.testing.Platform;
import io.flowgate.app.testing.ServerProcess;
import io.flowgate.app.testing.WebhookLoad;
import io.flowgate.testing.TempDirs;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A SIGTERM in the middle of a webhook load (the embedded default, one node): the node stops taking
 * requests (503), answers those in flight, finishes the step runs in hand, and exits cleanly. No caller
 * gets a 500 or a 2xx for a request that is then lost: after a restart, every accepted request has exactly
 * one completed execution, every step ran once and every event exists once.
 */
class GracefulDrainIT {

    private static final String ADMIN_KEY = "fg_drain_test_key_0000000000000000";

    private final Path dir = TempDirs.create("drain");
    private ServerProcess server;

    @AfterEach
    void cleanUp() {
        if (server != null) {
            server.close();
        }
        TempDirs.delete(dir);
    }

    @Test
    void aSigtermDuringLoadLosesNoAcceptedRequest() {
        Map<String, String> env = ServerProcess.embeddedEnvironment(dir, ADMIN_KEY);
        env.put("FLOWGATE_SHUTDOWN_GRACE_SECONDS", "20");
        server = new ServerProcess(env, dir.resolve("server.log")).start();
        Platform platform = new Platform(server.api(ADMIN_KEY));
        String flow = platform.startFlow(platform.createWorkspace("drain"), "greeter");

        WebhookLoad load = WebhookLoad.start(List.of(server.api(ADMIN_KEY)), flow, 16, WebhookLoad::numbered);
        load.awaitAccepted(500);
        server.terminate();
        assertThat(server.exitCode()).as("the drained node exits cleanly").isZero();
        WebhookLoad.Result result = load.finish();
        System.out.printf("SIGTERM during load: %d accepted, answers by status %s%n", result.accepted().size(), result.statuses());
        assertThat(result.statuses().keySet()).as("accepted, 'try again later', or no connection").isSubsetOf(202, 503, 0);

        server.start();
        Platform after = new Platform(server.api(ADMIN_KEY));
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(1))
                .until(() -> completed(after, flow).containsAll(result.accepted()));
        server.terminate();

        new ExactlyOnceAudit(new DataDirectory(dir.resolve("data")).databaseUrl(), "sa", "")
                .assertExactlyOnce(flow, result.accepted(), Set.of("in", "greet", "log"));
    }

    private static Set<String> completed(Platform platform, String flow) {
        return platform.events("flow/" + flow + "/execution").stream()
                .filter(e -> e.path("payload").path("status").asText().equals("completed"))
                .map(e -> e.path("payload").path("executionId").asText())
                .collect(Collectors.toSet());
    }
}
