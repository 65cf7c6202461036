package io.flowgate.amqp;

import io.flowgate.core.port.MessageBus;
import org.junit.jupiter.api.TestInstance;

/**
 * The contract of the {@link MessageBus} port, written once and run against every broker the platform
 * supports: a concrete class starts or finds the broker once, and the tests share one bus on it. Each test
 * uses exchanges and queues with fresh names.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class BusContract implements MessagingContract, TopologyContract {

    /** The bus settings of the tests: as the app's, without queue arguments (Qpid refuses RabbitMQ's). */
    protected static AmqpBus open(String uri, String name) {
        return AmqpBus.connect(new AmqpBus.Settings(uri, "contract-" + name, 4, java.util.Map.of()));
    }
}
