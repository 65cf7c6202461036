package io.flowgate.app;

import io.flowgate.app.testing.TestNode;

/** Outbound webhooks on the embedded broker and database. */
class WebhookDeliveryEmbeddedIT extends WebhookDeliveryContract {

    @Override
    protected TestNode startNode() {
        return TestNode.embedded(QUICK_RETRIES);
    }
}
