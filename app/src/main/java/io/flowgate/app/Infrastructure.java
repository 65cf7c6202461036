package io.flowgate.app;

import io.flowgate.amqp.AmqpBus;
import io.flowgate.broker.embedded.EmbeddedBroker;
import io.flowgate.store.jdbc.JdbcStore;
import java.time.Duration;
import java.util.Map;

/** The broker and the database a node uses: embedded ones under the data directory, or the configured servers. */
final class Infrastructure implements AutoCloseable {

    final EmbeddedBroker embeddedBroker;
    final AmqpBus bus;
    final JdbcStore store;
    private final String amqpUri;
    private final Map<String, Object> queueArguments;

    private Infrastructure(EmbeddedBroker embeddedBroker, AmqpBus bus, JdbcStore store, String amqpUri,
                           Map<String, Object> queueArguments) {
        this.embeddedBroker = embeddedBroker;
        this.bus = bus;
        this.store = store;
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
                    config.database().poolSize(), Duration.ofSeconds(5)));
            return new Infrastructure(broker, bus, store, amqpUri, queueArguments);
        } catch (RuntimeException e) {
            if (broker != null) {
                broker.close();
            }
            throw e;
        }
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
