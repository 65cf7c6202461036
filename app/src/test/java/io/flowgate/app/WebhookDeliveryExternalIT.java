package io.flowgate.app;

import io.flowgate.app.testing.TestNode;
import org.junit.jupiter.api.Tag;

/** Outbound webhooks on the machine's RabbitMQ and PostgreSQL. */
@Tag("external")
class WebhookDeliveryExternalIT extends WebhookDeliveryContract {

    @Override
    protected TestNode startNode() {
        return TestNode.external(QUICK_RETRIES);
    }
}
