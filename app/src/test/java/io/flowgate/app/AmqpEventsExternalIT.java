package io.flowgate.app;

import io.flowgate.app.testing.TestNode;
import java.util.Map;
import org.junit.jupiter.api.Tag;

/** The AMQP events contract on the machine's RabbitMQ, in the test's own virtual host. */
@Tag("external")
class AmqpEventsExternalIT extends AmqpEventsContract {

    @Override
    protected TestNode startNode() {
        return TestNode.external(Map.of());
    }
}
