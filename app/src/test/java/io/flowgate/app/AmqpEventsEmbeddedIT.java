package io.flowgate.app;

import io.flowgate.app.testing.TestNode;

/** The AMQP events contract on the embedded broker, reached as user flowgate on its local port. */
class AmqpEventsEmbeddedIT extends AmqpEventsContract {

    @Override
    protected TestNode startNode() {
        return TestNode.embedded();
    }
}
