package io.flowgate.app;

import io.flowgate.app.testing.TestNode;
import java.util.Map;
import org.junit.jupiter.api.Tag;

/** The topics suite on the machine's RabbitMQ and PostgreSQL. */
@Tag("external")
class TopicsExternalIT extends TopicsContract {

    @Override
    protected TestNode startNode() {
        return TestNode.external(Map.of());
    }
}
