package io.flowgate.app;

import io.flowgate.amqp.AmqpBus;
import io.flowgate.broker.embedded.EmbeddedBroker;
import io.flowgate.core.crypto.SecretCipher;
import io.flowgate.store.jdbc.JdbcStore;
import java.time.Duration;
import java.util.Map;

/**
 * The broker and the database a node uses (embedded ones under the data directory, or the configured
 * servers), and the secret key that seals secrets at rest in that database.
 */
final class Infrastructure implements AutoCloseable {

    final EmbeddedBroker embeddedBroker;
    final AmqpBus bus;
    final JdbcStore store;
    final SecretCipher secrets;
    private final String amqpUri;
    private final Map<String, Object> queueArguments;

    private Infrastructure(EmbeddedBroker embeddedBroker, AmqpBus bus, JdbcStore store, SecretCipher secrets, String amqpUri,
                           Map<String, Object> queueArguments) {
        this.embeddedBroker = embeddedBroker;
        this.bus = bus;
        this.store = store;
        this.secrets = secrets;
        this.amqpUri = amqpUri;
        this.queueArguments = queueArguments;
    }

    /**
     * A second connection to the broker for one purpose, e.g. a bus that publishes on a single channel so
     * that its messages keep their order; the caller closes it.
     */
    AmqpBus connectBus(String connectionName, int publisherChannels) {
        return AmqpBus.connect(new AmqpBus.Settings(amqpUri, connectionName, publisherChannels, queueArguments));
    }

    static Infrastructure start(FlowgateConfig config, DataDirectory data, String adminKey, String nodeId) {
        SecretCipher secrets = secretKey(config, data);
        EmbeddedBroker broker = null;
        String amqpUri = config.broker().uri();
        if (config.broker().embedded()) {
            String password = config.broker().embeddedPassword() != null ? config.broker().embeddedPassword() : adminKey;
            broker = EmbeddedBroker.start(new EmbeddedBroker.Settings(data.broker(), config.broker().embeddedPort(), password));
            amqpUri = broker.uri();
        }
        try {
            Map<String, Object> queueArguments = config.broker().queueType().equals("quorum")
                    ? Map.of("x-queue-type", "quorum") : Map.of();
            AmqpBus bus = AmqpBus.connect(new AmqpBus.Settings(amqpUri, "flowgate-" + nodeId, 4, queueArguments));
            JdbcStore store = JdbcStore.open(new JdbcStore.Settings(
                    config.database().embedded() ? data.databaseUrl() : config.database().url(),
                    config.database().embedded() ? "sa" : config.database().user(),
                    config.database().embedded() ? "" : config.database().password(),
                    config.database().poolSize(), Duration.ofSeconds(5), secrets));
            return new Infrastructure(broker, bus, store, secrets, amqpUri, queueArguments);
        } catch (RuntimeException e) {
            if (broker != null) {
                broker.close();
            }
            throw e;
        }
    }

    /** The configured key, or the one kept in the data directory (made on the first start). */
    private static SecretCipher secretKey(FlowgateConfig config, DataDirectory data) {
        String key = config.management().secretKey() != null ? config.management().secretKey()
                : data.secretKey(SecretCipher::newKeyBase64);
        return SecretCipher.fromBase64(key);
    }

    @Override
    public void close() {
        bus.close();
        store.close();
        if (embeddedBroker != null) {
            embeddedBroker.close();
        }
    }
}
