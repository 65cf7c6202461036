package io.flowgate.amqp;

import io.flowgate.core.port.MessageBus;
import io.flowgate.testing.ExternalServices;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;

/** The bus contract on RabbitMQ: a virtual host of its own on the machine's server. */
@Tag("external")
class RabbitMqBusIT extends BusContract {

    private ExternalServices services;
    private AmqpBus bus;

    @BeforeAll
    void start() {
        services = ExternalServices.create("bus");
        bus = open(services.amqpUri(), "rabbitmq");
    }

    @AfterAll
    void stop() {
        if (bus != null) {
            bus.close();
        }
        if (services != null) {
            services.close();
        }
    }

    @Override
    public MessageBus bus() {
        return bus;
    }

    @Override
    public MessageBus connect() {
        return open(services.amqpUri(), "rabbitmq-extra");
    }
}
