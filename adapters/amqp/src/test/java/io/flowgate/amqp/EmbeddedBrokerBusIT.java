package io.flowgate.amqp;

import static io.flowgate.amqp.BusAccess.message;
import static io.flowgate.amqp.BusAccess.name;
import static io.flowgate.amqp.BusAccess.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.flowgate.broker.embedded.EmbeddedBroker;
import io.flowgate.core.port.MessageBus;
import io.flowgate.core.port.MessageBus.Delivery;
import io.flowgate.core.port.MessageBus.Outgoing;
import io.flowgate.core.port.MessageBus.Subscription;
import io.flowgate.testing.TempDirs;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The bus contract on the embedded broker (Qpid Broker-J in this process, data in a temporary directory),
 * and what only the embedded broker lets a test do: restart it.
 */
class EmbeddedBrokerBusIT extends BusContract {

    private Path dir;
    private EmbeddedBroker.Settings settings;
    private EmbeddedBroker broker;
    private AmqpBus bus;

    @BeforeAll
    void start() {
        dir = TempDirs.create("embedded-broker");
        settings = new EmbeddedBroker.Settings(dir, TempDirs.freePort(), "contract-password");
        broker = EmbeddedBroker.start(settings);
        bus = open(broker.uri(), "embedded");
    }

    @AfterAll
    void stop() {
        if (bus != null) {
            bus.close();
        }
        if (broker != null) {
            broker.close();
        }
        TempDirs.delete(dir);
    }

    @Override
    public MessageBus bus() {
        return bus;
    }

    @Override
    public MessageBus connect() {
        return open(broker.uri(), "embedded-" + name("bus"));
    }

    @Test
    void aConfirmedMessageSurvivesARestartOfTheBroker() {
        String queue = name("queue");
        Outgoing message = message(exchangeWithQueue(queue, "k"), "k", "{\"durable\":true}");
        confirm(message);

        restartBroker();

        try (MessageBus afterRestart = connect()) {
            assertThat(afterRestart.depth(queue)).isEqualTo(1);
            Inbox inbox = new Inbox();
            try (Subscription ignored = afterRestart.consume(queue, 1, inbox)) {
                Delivery delivery = inbox.next();
                assertThat(delivery.messageId()).isEqualTo(message.messageId());
                assertThat(text(delivery)).isEqualTo("{\"durable\":true}");
                delivery.ack();
            }
        }
    }

    @Test
    void anOpenBusRecoversFromARestartOfTheBrokerWithItsConsumers() {
        String queue = name("queue");
        String exchange = exchangeWithQueue(queue, "k");
        Inbox inbox = new Inbox();
        try (Subscription ignored = bus.consume(queue, 10, inbox)) {
            restartBroker();

            Outgoing message = message(exchange, "k", "{\"after\":\"restart\"}");
            await().atMost(Inbox.WAIT).ignoreExceptions().untilAsserted(() -> confirm(message));
            Delivery delivery = inbox.next();
            assertThat(delivery.messageId()).isEqualTo(message.messageId());
            delivery.ack();
        }
    }

    @Test
    void aPrivateQueueAndItsConsumerComeBackAfterARestartOfTheBroker() {
        String queue = name("private");
        Inbox inbox = new Inbox();
        try (Subscription ignored = bus.consumePrivateQueue(queue, 10, inbox)) {
            restartBroker();

            Outgoing reply = message("", queue, "{\"reply\":\"after restart\"}");
            await().atMost(Inbox.WAIT).ignoreExceptions().untilAsserted(() -> confirm(reply));
            assertThat(inbox.next().messageId()).isEqualTo(reply.messageId());
        }
    }

    /** Stops the broker, starts it again on the same files and port, and waits for the shared bus to reconnect. */
    private void restartBroker() {
        broker.close();
        await().atMost(Inbox.WAIT).until(() -> !bus.isHealthy());
        broker = EmbeddedBroker.start(settings);
        await().atMost(Inbox.WAIT).until(bus::isHealthy);
    }
}
