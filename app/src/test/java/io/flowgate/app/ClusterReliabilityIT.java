package io.flowgate.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flowgate.app.testing.ApiClient;
import io.flowgate.app.testing.Cluster;
import io.flowgate.app.testing.ExactlyOnceAudit;
import io.flowgate.app.testing.Progress;
import io.flowgate.app.testing.ServerProcess;
import io.flowgate.app.testing.WebhookLoad;
import io.flowgate.app.testing.WebhookReceiver;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Several nodes on RabbitMQ (quorum queues, as recommended for a cluster) and PostgreSQL under a steady
 * webhook load (webhook, JSONata, log), while a node dies, the nodes restart one by one, the database goes
 * away for a while, the broker drops every connection, or the broker cancels the consumers of a queue.
 * After each, every request that got a 2xx has exactly one completed execution, every step ran once per
 * message and every event exists once; when the node that plans outbound deliveries dies, every event
 * still reaches its subscriber. Callers may get errors during the fault (503, a refused connection),
 * never a 2xx that is later lost, and never a 500.
 */
@Tag("external")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClusterReliabilityIT {

    private static final int NODES = 3;
    private static final int CALLERS = 24;
    /** Accepted requests before, during and after each fault: a few thousand per scenario. */
    private static final int PHASE = 600;
    private static final Duration DATABASE_OUTAGE = Duration.ofSeconds(5);
    /** How long a node's claim on outbound deliveries lasts: nothing is sent for that long after it died. */
    private static final Duration CLAIM_EXPIRY = Duration.ofSeconds(60);
    private static final Set<String> STEPS = Set.of("in", "greet", "log");
    /** What a caller may see: accepted, "try again later", or no connection to a node that is down. */
    private static final Set<Integer> ALLOWED_ANSWERS = Set.of(202, 503, 0);

    private Cluster cluster;
    private ExactlyOnceAudit audit;
    private String workspace;

    @BeforeAll
    void startCluster() {
        cluster = Cluster.start("reliability", Collections.nCopies(NODES, Map.of("FLOWGATE_AMQP_QUEUE_TYPE", "quorum",
                "FLOWGATE_DELIVERY_ALLOW_PRIVATE", "true")));
        audit = new ExactlyOnceAudit(cluster.jdbcUrl(), cluster.databaseAdmin(), "");
        workspace = cluster.platform(0).createWorkspace("reliability");
    }

    @AfterAll
    void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    /** A fault happens while webhooks pour in; afterwards nothing accepted is lost and nothing ran twice. */
    private interface Fault {
        void strike(WebhookLoad load) throws Exception;
    }

    private void survives(Fault fault) throws Exception {
        String flow = cluster.platform(0).startFlow(workspace, "greeter");
        WebhookLoad load = startLoad(flow);
        load.awaitAccepted(PHASE);
        fault.strike(load);
        checkExactlyOnce(flow, load.finish());
    }

    @Test
    void aNodeKilledInTheMiddleOfTheLoadLosesNothingAndRunsNothingTwice() throws Exception {
        survives(load -> {
            ServerProcess victim = cluster.node(1);
            victim.kill();
            load.awaitAccepted(PHASE);
            victim.start();
            load.awaitAccepted(PHASE);
        });
    }

    @Test
    void outboundEventsSurviveTheDeathOfTheNodePlanningThem() throws Exception {
        String flow = cluster.platform(0).startFlow(workspace, "greeter");
        try (WebhookReceiver receiver = WebhookReceiver.start()) {
            ObjectNode subscription = SubscriptionApiIT.attributes(receiver.url("/events"), List.of("flow/" + flow + "/execution"));
            ApiClient.Answer created = cluster.api(0).post("/v2/workspaces/" + workspace + "/subscriptions",
                    ApiClient.document(subscription, null));
            assertThat(created.status()).as(created.text()).isEqualTo(201);
            WebhookLoad load = startLoad(flow);
            load.awaitAccepted(PHASE);

            ServerProcess planner = cluster.node(nodeHolding("delivery-planner"));
            planner.kill();
            load.awaitAccepted(PHASE);
            planner.start();
            WebhookLoad.Result result = load.finish();

            checkExactlyOnce(flow, result);
            // deliveries the dead node had claimed are sent by another once their claim runs out (60 s)
            explained(() -> Progress.of(() -> executionsWithStartAndEnd(receiver), delivered -> delivered.containsAll(result.accepted()),
                    delivered -> notDelivered(result.accepted(), delivered)).await(CLAIM_EXPIRY.plusSeconds(30), Duration.ofMinutes(10)));
        }
    }

    /** The executions whose started and completed events both reached the receiver (each at least once). */
    private static Set<String> executionsWithStartAndEnd(WebhookReceiver receiver) {
        Map<String, Set<String>> statuses = new HashMap<>();
        for (WebhookReceiver.Received event : receiver.received("/events")) {
            statuses.computeIfAbsent(event.json().path("executionId").asText(), id -> new HashSet<>())
                    .add(event.json().path("status").asText());
        }
        return statuses.entrySet().stream().filter(e -> e.getValue().containsAll(Set.of("started", "completed")))
                .map(Map.Entry::getKey).collect(Collectors.toSet());
    }

    private static String notDelivered(List<String> accepted, Set<String> delivered) {
        List<String> missing = accepted.stream().filter(id -> !delivered.contains(id)).toList();
        return missing.size() + " accepted executions lack their started or completed event at the receiver, e.g. "
                + missing.subList(0, Math.min(3, missing.size()));
    }

    /** The index of the node holding a cluster-wide lease (nodes are named node-0, node-1, ...). */
    private int nodeHolding(String lease) throws Exception {
        try (Connection connection = DriverManager.getConnection(cluster.jdbcUrl(), cluster.databaseAdmin(), "");
             PreparedStatement query = connection.prepareStatement("SELECT holder FROM leases WHERE name = ?")) {
            query.setString(1, lease);
            try (ResultSet row = query.executeQuery()) {
                assertThat(row.next()).as("someone holds %s", lease).isTrue();
                return Integer.parseInt(row.getString(1).substring("node-".length()));
            }
        }
    }

    @Test
    void aRollingRestartLosesNothingAndRunsNothingTwice() throws Exception {
        survives(load -> {
            for (ServerProcess node : cluster.nodes()) {
                node.terminate();
                assertThat(node.exitCode()).as("a drained node exits cleanly").isZero();
                node.start();
                load.awaitAccepted(PHASE / NODES);
            }
        });
    }

    @Test
    void aDatabaseOutageLosesNothingAndRunsNothingTwice() throws Exception {
        survives(load -> {
            cluster.cutDatabase();
            try {
                await().atMost(Duration.ofSeconds(30)).until(() -> readiness(cluster.api(0)) == 503);
                Thread.sleep(DATABASE_OUTAGE); // the outage itself, not a wait for something to happen
            } finally {
                cluster.restoreDatabase();
            }
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> cluster.nodes().stream().allMatch(node -> readiness(node.api(Cluster.ADMIN_KEY)) == 200));
            load.awaitAccepted(PHASE);
        });
    }

    @Test
    void brokerConnectionsLostUnderLoadLoseNothingAndRunNothingTwice() throws Exception {
        survives(load -> {
            cluster.dropBrokerConnections();
            load.awaitAccepted(PHASE);
            cluster.dropBrokerConnections();
            load.awaitAccepted(PHASE);
        });
    }

    @Test
    void aConsumerCancelledByTheBrokerIsReplacedOnEveryNode() {
        String flow = cluster.platform(0).startFlow(workspace, "greeter");
        String queue = "flowgate.flow." + flow;
        await().atMost(Duration.ofSeconds(30)).until(() -> cluster.consumers(queue) == NODES);
        assertThat(cluster.queueType(queue)).isEqualTo("quorum");

        cluster.deleteQueue(queue);

        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).until(() -> cluster.consumers(queue) == NODES);
        ApiClient.Answer accepted = cluster.api(2).webhook(flow, WebhookLoad.numbered(1));
        assertThat(accepted.status()).as(accepted.text()).isEqualTo(202);
        audit.assertExactlyOnce(flow, List.of(accepted.json().path("executionId").asText()), STEPS);
    }

    private WebhookLoad startLoad(String flow) {
        List<ApiClient> targets = IntStream.range(0, NODES).mapToObj(cluster::api).toList();
        return WebhookLoad.start(targets, flow, CALLERS, WebhookLoad::numbered);
    }

    private void checkExactlyOnce(String flow, WebhookLoad.Result result) {
        System.out.printf("%s: %d accepted, answers by status %s%n", flow, result.accepted().size(), result.statuses());
        assertThat(result.statuses().keySet()).as("answers by status: %s", result.statuses()).isSubsetOf(ALLOWED_ANSWERS);
        long start = System.nanoTime();
        explained(() -> audit.assertExactlyOnce(flow, result.accepted(), STEPS));
        System.out.printf("%s: settled and audited in %d ms%n", flow, Duration.ofNanos(System.nanoTime() - start).toMillis());
    }

    /** Runs a check; when it fails, the failure also tells what the cluster was doing then. */
    private void explained(Runnable check) {
        try {
            check.run();
        } catch (AssertionError e) {
            String diagnostics;
            try {
                diagnostics = cluster.diagnostics();
            } catch (RuntimeException failed) {
                diagnostics = "(no diagnostics: " + failed.getMessage() + ")";
            }
            throw new AssertionError(e.getMessage() + "\n" + diagnostics, e);
        }
    }

    private static int readiness(ApiClient node) {
        try {
            return node.get("/health/ready").status();
        } catch (RuntimeException e) {
            return 0;
        }
    }
}
