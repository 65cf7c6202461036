package io.flowgate.app;

import io.flowgate.core.subscription.RetrySchedule;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The whole configuration of a node, read once at start from the environment (names in
 * docs/configuration.md) and validated: a bad value stops the start with one line naming the variable.
 */
public record FlowgateConfig(Http http, Path dataDir, Broker broker, Database database, String adminToken,
                             Set<Role> roles, Runtime runtime, Retention retention, String nodeId, Management management,
                             Delivery delivery) {

    /** The parts of the platform a node can run. */
    public enum Role { INGRESS, API, WORKER, DELIVERY }

    public record Http(String host, int port, long maxBodyBytes, int maxHeaderBytes, Duration readTimeout) {
    }

    /** {@code uri} null means: start the embedded broker on {@code embeddedPort}. */
    public record Broker(String uri, int embeddedPort, String embeddedPassword, String queueType) {
        public boolean embedded() {
            return uri == null;
        }
    }

    /** {@code url} null means: the embedded database under the data directory. */
    public record Database(String url, String user, String password, int poolSize) {
        public boolean embedded() {
            return url == null;
        }
    }

    /** {@code shutdownGrace}: how long a stopping node lets requests and step runs in flight finish. */
    public record Runtime(int workerPrefetch, int maxBacklog, int workspaceRatePerMinute, Duration shutdownGrace) {
    }

    public record Retention(Duration executions, Duration stepInputs, Duration events) {
    }

    /**
     * {@code secretKey}: the base64 AES-256 key that seals credentials, null = the one kept in the data
     * directory; {@code componentPath}: where custom component jars are.
     */
    public record Management(String secretKey, Path componentPath) {
        @Override
        public String toString() {
            return "Management[secretKey=" + (secretKey == null ? "from the data directory" : "set") + ", componentPath="
                    + componentPath + "]";
        }
    }

    /**
     * Event delivery: outbound webhooks ({@code allowPrivate} targets, the retry schedule, how long a
     * subscription may fail before it is disabled, requests in flight per node) and live streams (how many
     * events an SSE client may fall behind before it is cut off).
     */
    public record Delivery(boolean allowPrivate, List<Duration> retrySchedule, Duration disableAfter, int concurrency,
                           int streamBuffer) {
        public Delivery {
            retrySchedule = List.copyOf(retrySchedule);
        }
    }

    public static FlowgateConfig fromEnvironment(Map<String, String> environment) {
        Settings s = Settings.from(environment);
        Http http = new Http(s.text("FLOWGATE_HTTP_HOST", "0.0.0.0"), s.integer("FLOWGATE_HTTP_PORT", 8080, 0, 65535),
                s.bytes("FLOWGATE_MAX_BODY_BYTES", 10L * 1024 * 1024), s.integer("FLOWGATE_MAX_HEADER_BYTES", 16 * 1024, 1024, 1 << 20),
                Duration.ofSeconds(s.integer("FLOWGATE_HTTP_READ_TIMEOUT_SECONDS", 30, 1, 3600)));
        Broker broker = new Broker(s.uri("FLOWGATE_AMQP_URI", "amqp"), s.integer("FLOWGATE_EMBEDDED_AMQP_PORT", 5673, 1, 65535),
                s.optional("FLOWGATE_EMBEDDED_AMQP_PASSWORD"), s.oneOf("FLOWGATE_AMQP_QUEUE_TYPE", "classic", Set.of("classic", "quorum")));
        Database database = new Database(s.jdbcUrl("FLOWGATE_DB_URL"), s.optional("FLOWGATE_DB_USER"),
                s.optional("FLOWGATE_DB_PASSWORD"), s.integer("FLOWGATE_DB_POOL_SIZE", 16, 2, 1000));
        if (broker.embedded() != database.embedded()) {
            throw new ConfigException("FLOWGATE_AMQP_URI and FLOWGATE_DB_URL go together: set both (RabbitMQ and "
                    + "PostgreSQL) or neither (embedded broker and database)");
        }
        Path dataDir = Path.of(s.text("FLOWGATE_DATA_DIR", "./data")).toAbsolutePath().normalize();
        Management management = new Management(secretKey(s.optional("FLOWGATE_SECRET_KEY")),
                Path.of(s.text("FLOWGATE_COMPONENT_PATH", dataDir.resolve("components").toString())).toAbsolutePath().normalize());
        return new FlowgateConfig(http, dataDir, broker,
                database, s.optional("FLOWGATE_ADMIN_TOKEN"), roles(s.text("FLOWGATE_ROLES", "all")),
                new Runtime(s.integer("FLOWGATE_WORKER_PREFETCH", 64, 1, 10_000), s.integer("FLOWGATE_MAX_BACKLOG", 100_000, 1, Integer.MAX_VALUE),
                        s.integer("FLOWGATE_WORKSPACE_RATE_LIMIT_PER_MINUTE", 0, 0, Integer.MAX_VALUE),
                        Duration.ofSeconds(s.integer("FLOWGATE_SHUTDOWN_GRACE_SECONDS", 10, 0, 3600))),
                new Retention(s.days("FLOWGATE_EXECUTION_RETENTION_DAYS", 30), s.days("FLOWGATE_STEP_INPUT_RETENTION_DAYS", 5),
                        s.days("FLOWGATE_EVENT_RETENTION_DAYS", 30)),
                s.optional("FLOWGATE_NODE_ID"), management, delivery(s));
    }

    /** The secret key as configured: the base64 of 32 bytes. */
    static String secretKey(String value) {
        if (value == null) {
            return null;
        }
        byte[] key;
        try {
            key = java.util.Base64.getDecoder().decode(value);
        } catch (IllegalArgumentException e) {
            key = new byte[0];
        }
        if (key.length != 32) {
            throw new ConfigException("FLOWGATE_SECRET_KEY must be the base64 of 32 random bytes (e.g. from "
                    + "'openssl rand -base64 32'), got " + key.length + " bytes");
        }
        return value;
    }

    private static Delivery delivery(Settings s) {
        return new Delivery(s.flag("FLOWGATE_DELIVERY_ALLOW_PRIVATE", false),
                s.durations("FLOWGATE_DELIVERY_RETRY_SCHEDULE", RetrySchedule.STANDARD),
                s.duration("FLOWGATE_DELIVERY_DISABLE_AFTER", Duration.ofDays(5)),
                s.integer("FLOWGATE_DELIVERY_CONCURRENCY", 64, 1, 10_000),
                s.integer("FLOWGATE_EVENT_STREAM_BUFFER", 10_000, 1, 1_000_000));
    }

    static Set<Role> roles(String value) {
        if (value.equalsIgnoreCase("all")) {
            return EnumSet.allOf(Role.class);
        }
        try {
            Set<Role> roles = Arrays.stream(value.split(",")).map(String::trim).filter(r -> !r.isEmpty())
                    .map(r -> Role.valueOf(r.toUpperCase(Locale.ROOT))).collect(Collectors.toCollection(() -> EnumSet.noneOf(Role.class)));
            if (roles.isEmpty()) {
                throw new IllegalArgumentException();
            }
            return roles;
        } catch (IllegalArgumentException e) {
            throw new ConfigException("FLOWGATE_ROLES must be 'all' or a comma list of ingress, api, worker, delivery; got '" + value + "'");
        }
    }

    public boolean runs(Role role) {
        return roles.contains(role);
    }

    public FlowgateConfig withHttpPort(int port) {
        return new FlowgateConfig(new Http(http.host(), port, http.maxBodyBytes(), http.maxHeaderBytes(), http.readTimeout()),
                dataDir, broker, database, adminToken, roles, runtime, retention, nodeId, management, delivery);
    }
}
