package io.flowgate.app.testing;

import io.flowgate.testing.ExternalServices;
import io.flowgate.testing.TempDirs;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Several real server processes on the machine's RabbitMQ and PostgreSQL, in a vhost and database of
 * the test's own. The nodes log in to PostgreSQL as a role of the test's own, so the test can cut their
 * database access ({@link #cutDatabase()}) without touching the shared server or anyone else's sessions.
 */
public final class Cluster implements AutoCloseable {

    public static final String ADMIN_KEY = "fg_cluster_admin_key_0123456789ab";

    private final ExternalServices services;
    private final String role;
    private final Path dir = TempDirs.create("cluster");
    private final String secretKey = Base64.getEncoder().encodeToString(new byte[32]);
    private final List<ServerProcess> nodes = new ArrayList<>();

    private Cluster(ExternalServices services) {
        this.services = services;
        this.role = services.vhost() + "_node";
    }

    /** A cluster whose nodes each get the extra environment of their entry, e.g. {@code FLOWGATE_ROLES}. */
    public static Cluster start(String name, List<Map<String, String>> nodeEnvironments) {
        Cluster cluster = new Cluster(ExternalServices.create(name));
        try {
            cluster.createRole();
            cluster.startNodes(nodeEnvironments);
            return cluster;
        } catch (RuntimeException e) {
            cluster.close();
            throw e;
        }
    }

    private void createRole() {
        services.admin("CREATE ROLE " + role + " LOGIN");
        // PostgreSQL 15: the database owner may create tables in its public schema (the migrations do)
        services.admin("ALTER DATABASE " + services.vhost() + " OWNER TO " + role);
    }

    private void startNodes(List<Map<String, String>> nodeEnvironments) {
        for (int i = 0; i < nodeEnvironments.size(); i++) {
            nodes.add(new ServerProcess(environment(i, nodeEnvironments.get(i)), dir.resolve("node-" + i + ".log")));
        }
        // the first node migrates the schema alone, then the others start side by side
        nodes.getFirst().start();
        try (ExecutorService starting = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<ServerProcess>> started = nodes.subList(1, nodes.size()).stream()
                    .map(node -> starting.submit(node::start)).toList();
            for (Future<ServerProcess> future : started) {
                future.get();
            }
        } catch (Exception e) {
            throw new IllegalStateException("A node did not start: " + e.getMessage(), e);
        }
    }

    private Map<String, String> environment(int index, Map<String, String> extra) {
        Map<String, String> env = new HashMap<>();
        env.put("FLOWGATE_DATA_DIR", dir.resolve("data-" + index).toString());
        env.put("FLOWGATE_HTTP_HOST", "127.0.0.1");
        env.put("FLOWGATE_HTTP_PORT", String.valueOf(TempDirs.freePort()));
        env.put("FLOWGATE_NODE_ID", "node-" + index);
        env.put("FLOWGATE_ADMIN_TOKEN", ADMIN_KEY);
        env.put("FLOWGATE_SECRET_KEY", secretKey);
        env.put("FLOWGATE_AMQP_URI", services.amqpUri());
        env.put("FLOWGATE_DB_URL", services.jdbcUrl());
        env.put("FLOWGATE_DB_USER", role);
        env.put("FLOWGATE_DB_POOL_SIZE", "8");
        env.put("FLOWGATE_SHUTDOWN_GRACE_SECONDS", "10");
        env.putAll(extra);
        return env;
    }

    public List<ServerProcess> nodes() {
        return List.copyOf(nodes);
    }

    public ServerProcess node(int index) {
        return nodes.get(index);
    }

    /** The API of node {@code index}, as the admin. */
    public ApiClient api(int index) {
        return nodes.get(index).api(ADMIN_KEY);
    }

    public Platform platform(int index) {
        return new Platform(api(index));
    }

    /** A direct line to the cluster's database, as the server's superuser (unaffected by {@link #cutDatabase()}). */
    public String jdbcUrl() {
        return services.jdbcUrl();
    }

    public String databaseAdmin() {
        return services.dbUser();
    }

    /**
     * Cuts the nodes off the database: their role may no longer log in, and its sessions are ended, as when
     * the database restarts or the network between them fails.
     */
    public void cutDatabase() {
        services.admin("ALTER ROLE " + role + " NOLOGIN");
        services.admin("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = '" + role + "'");
    }

    public void restoreDatabase() {
        services.admin("ALTER ROLE " + role + " LOGIN");
    }

    /** Deletes a queue of the cluster's vhost, as an operator might: the broker cancels its consumers. */
    public void deleteQueue(String queue) {
        ExternalServices.rabbitmqctl("delete_queue", "-p", services.vhost(), queue);
    }

    /** How many consumers the queue has, or -1 when it does not exist. */
    public int consumers(String queue) {
        String consumers = queueInfo(queue, "consumers");
        return consumers == null ? -1 : Integer.parseInt(consumers);
    }

    /** The queue's type as RabbitMQ reports it ({@code classic}, {@code quorum}), or null when it does not exist. */
    public String queueType(String queue) {
        return queueInfo(queue, "type");
    }

    private String queueInfo(String queue, String column) {
        String listing = ExternalServices.rabbitmqctlOutput("list_queues", "-p", services.vhost(), "--no-table-headers",
                "name", column);
        return listing.lines().map(line -> line.trim().split("\\s+")).filter(fields -> fields.length == 2 && fields[0].equals(queue))
                .map(fields -> fields[1]).findFirst().orElse(null);
    }

    /** The broker closes every connection of the cluster's vhost, as when a RabbitMQ node restarts. */
    public void dropBrokerConnections() {
        ExternalServices.rabbitmqctl("close_all_connections", "--vhost", services.vhost(), "--limit", "1000",
                "connection loss injected by a test");
    }

    /**
     * What the cluster is doing, for a test that waited in vain: the queues holding messages (ready, and
     * taken by a consumer but not acknowledged), the nodes' database sessions that are not idle (what they
     * wait for), and a thread dump of every live node appended to its log.
     */
    public String diagnostics() {
        StringBuilder found = new StringBuilder("Queues with messages (name, ready, unacknowledged, consumers):\n");
        ExternalServices.rabbitmqctlOutput("list_queues", "-p", services.vhost(), "--no-table-headers", "name",
                "messages_ready", "messages_unacknowledged", "consumers").lines()
                .filter(line -> !line.matches("\\S+\\s+0\\s+0\\s+\\d+\\s*")).forEach(line -> found.append("  ").append(line).append('\n'));
        found.append("Database sessions not idle (state, waiting for, seconds in transaction, query):\n");
        services.query("SELECT state, wait_event_type || ':' || wait_event, EXTRACT(EPOCH FROM now() - xact_start)::int, "
                + "LEFT(query, 120) FROM pg_stat_activity WHERE usename = '" + role + "' AND state <> 'idle'")
                .forEach(row -> found.append("  ").append(row).append('\n'));
        nodes.stream().filter(ServerProcess::isAlive).forEach(ServerProcess::dumpThreads);
        return found.append("Thread dumps of the live nodes: their logs under target/cluster-logs/").append(services.vhost()).toString();
    }

    /** Stops the nodes, removes the vhost, database and role, and keeps the nodes' logs under target/cluster-logs. */
    @Override
    public void close() {
        try {
            nodes.forEach(ServerProcess::close);
            keepLogs();
            try {
                services.close();
            } finally {
                services.admin("DROP ROLE IF EXISTS " + role);
            }
        } finally {
            TempDirs.delete(dir);
        }
    }

    private void keepLogs() {
        Path kept = Path.of("target", "cluster-logs", services.vhost());
        try (var logs = Files.list(dir)) {
            Files.createDirectories(kept);
            for (Path log : logs.filter(file -> file.toString().endsWith(".log")).toList()) {
                Files.copy(log, kept.resolve(log.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
