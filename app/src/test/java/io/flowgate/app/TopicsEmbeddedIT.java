package io.flowgate.app;

import io.flowgate.app.testing.TestNode;

/** The topics suite on the embedded broker and database. */
class TopicsEmbeddedIT extends TopicsContract {

    @Override
    protected TestNode startNode() {
        return TestNode.embedded();
    }
}
