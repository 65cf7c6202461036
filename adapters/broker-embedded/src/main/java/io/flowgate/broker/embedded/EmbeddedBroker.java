package io.flowgate.broker.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.apache.qpid.server.SystemLauncher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Apache Qpid Broker-J in this process: AMQP 0-9-1 on 127.0.0.1 only, one virtual host ({@code /}) whose
 * messages are kept in a Berkeley DB JE store under the data directory, so they survive restarts.
 *
 * <p>The broker's own configuration (users, ports) is written afresh at every start from
 * {@code qpid-initial-config.json}, so a changed password takes effect; the virtual host's configuration
 * (exchanges, queues, bindings) and its messages persist.
 */
public final class EmbeddedBroker implements AutoCloseable {

    /** Where the broker keeps its files, where it listens, and the password of user {@code flowgate}. */
    public record Settings(Path dataDir, int port, String password) {
    }

    public static final String USER = "flowgate";
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedBroker.class);

    private final SystemLauncher launcher;
    private final Settings settings;

    private EmbeddedBroker(SystemLauncher launcher, Settings settings) {
        this.launcher = launcher;
        this.settings = settings;
    }

    public static EmbeddedBroker start(Settings settings) {
        Path dir = settings.dataDir().toAbsolutePath();
        try {
            Files.createDirectories(dir);
            Path brokerConfig = dir.resolve("broker.json");
            Files.deleteIfExists(brokerConfig);
            Files.deleteIfExists(dir.resolve("broker.json.bak"));
            Path initialConfig = dir.resolve("initial-config.json");
            try (var in = EmbeddedBroker.class.getResourceAsStream("qpid-initial-config.json")) {
                Files.write(initialConfig, in.readAllBytes());
            }
            Map<String, Object> attributes = new HashMap<>();
            attributes.put("type", "JSON");
            attributes.put("storePath", brokerConfig.toString());
            attributes.put("initialConfigurationLocation", initialConfig.toUri().toString());
            attributes.put("startupLoggedToSystemOut", false);
            attributes.put("context", Map.of(
                    "qpid.work_dir", dir.toString(),
                    "qpid.amqp_port", String.valueOf(settings.port()),
                    "flowgate.amqp_password", settings.password(),
                    "qpid.broker.failStartupWithErroredChild", "true",
                    // flush the store's log (one fsync for all commits waiting) as soon as there is one,
                    // rather than waiting for 8 commits or 500 ms: confirms then cost one disk flush, shared
                    "qpid.broker.bdbCommiterNotifyThreshold", "1",
                    "qpid.broker.bdbCommiterWaitTimeout", "20"));
            long started = System.nanoTime();
            SystemLauncher launcher = new SystemLauncher();
            launcher.startup(attributes);
            LOG.info("Embedded AMQP broker listening on 127.0.0.1:{} ({} ms), data in {}", settings.port(),
                    (System.nanoTime() - started) / 1_000_000, dir);
            return new EmbeddedBroker(launcher, settings);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot prepare the embedded broker in " + dir, e);
        } catch (Exception e) {
            throw new IllegalStateException("The embedded broker did not start on 127.0.0.1:" + settings.port()
                    + ": " + e.getMessage(), e);
        }
    }

    /** The URI an AMQP client uses to reach this broker. */
    public String uri() {
        return "amqp://" + USER + ":" + java.net.URLEncoder.encode(settings.password(), java.nio.charset.StandardCharsets.UTF_8)
                + "@127.0.0.1:" + settings.port() + "/%2F";
    }

    @Override
    public void close() {
        launcher.shutdown();
        LOG.info("Embedded AMQP broker stopped");
    }
}
