package io.flowgate.app.testing;

import io.flowgate.app.FlowgateConfig;
import io.flowgate.app.Node;
import io.flowgate.testing.ExternalServices;
import io.flowgate.testing.TempDirs;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * A real node in the test's JVM, started through the production wiring: embedded broker and database
 * in a temporary data directory, or the machine's RabbitMQ and PostgreSQL in a vhost and database of
 * the test's own.
 */
public final class TestNode implements AutoCloseable {

    public static final String ADMIN_KEY = "fg_test_admin_key_0123456789abcdef";

    private final Map<String, String> environment;
    private final Path dataDir;
    private final ExternalServices external;
    private Node node;

    private TestNode(Map<String, String> environment, Path dataDir, ExternalServices external) {
        this.environment = environment;
        this.dataDir = dataDir;
        this.external = external;
    }

    /** A node on the embedded broker and database. */
    public static TestNode embedded(Map<String, String> extra) {
        Path dir = TempDirs.create("node");
        Map<String, String> env = base(dir, extra);
        env.put("FLOWGATE_EMBEDDED_AMQP_PORT", String.valueOf(TempDirs.freePort()));
        return new TestNode(env, dir, null).start();
    }

    public static TestNode embedded() {
        return embedded(Map.of());
    }

    /** A node on the machine's RabbitMQ and PostgreSQL, in a fresh vhost and database. */
    public static TestNode external(Map<String, String> extra) {
        Path dir = TempDirs.create("node");
        ExternalServices services = ExternalServices.create("e2e");
        Map<String, String> env = base(dir, extra);
        env.put("FLOWGATE_AMQP_URI", services.amqpUri());
        env.put("FLOWGATE_DB_URL", services.jdbcUrl());
        env.put("FLOWGATE_DB_USER", services.dbUser());
        TestNode node = new TestNode(env, dir, services);
        try {
            return node.start();
        } catch (RuntimeException e) {
            node.close();
            throw e;
        }
    }

    private static Map<String, String> base(Path dir, Map<String, String> extra) {
        Map<String, String> env = new HashMap<>();
        env.put("FLOWGATE_DATA_DIR", dir.toString());
        env.put("FLOWGATE_HTTP_HOST", "127.0.0.1");
        env.put("FLOWGATE_HTTP_PORT", "0");
        env.put("FLOWGATE_ADMIN_TOKEN", ADMIN_KEY);
        env.putAll(extra);
        return env;
    }

    private TestNode start() {
        node = Node.start(FlowgateConfig.fromEnvironment(environment));
        return this;
    }

    /** Stops the node gracefully and starts it again on the same data. */
    public TestNode restart() {
        node.close();
        return start();
    }

    /** Stops the node gracefully and starts it again on the same data with these variables changed (e.g. its roles). */
    public TestNode restart(Map<String, String> changes) {
        environment.putAll(changes);
        return restart();
    }

    public ApiClient api() {
        return new ApiClient("http://127.0.0.1:" + node.port(), ADMIN_KEY);
    }

    /** The URI an AMQP client of this node's broker uses: the embedded broker's user {@code flowgate}, or RabbitMQ's vhost. */
    public String amqpUri() {
        return external != null ? external.amqpUri()
                : "amqp://flowgate:" + ADMIN_KEY + "@127.0.0.1:" + environment.get("FLOWGATE_EMBEDDED_AMQP_PORT") + "/%2F";
    }

    public Platform platform() {
        return new Platform(api());
    }

    public int port() {
        return node.port();
    }

    public Map<String, String> environment() {
        return Map.copyOf(environment);
    }

    @Override
    public void close() {
        try {
            if (node != null) {
                node.close();
            }
        } finally {
            if (external != null) {
                external.close();
            }
            TempDirs.delete(dataDir);
        }
    }
}
