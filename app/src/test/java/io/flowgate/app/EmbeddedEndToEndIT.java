package io.flowgate.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.flowgate.app.testing.TestNode;
import io.flowgate.core.Json;
import org.junit.jupiter.api.Test;

/** The end-to-end suite on the embedded broker and database, plus what only the embedded default has. */
class EmbeddedEndToEndIT extends EndToEndContract {

    @Override
    protected TestNode startNode() {
        return TestNode.embedded();
    }

    @Test
    void aRestartOnTheSameDataDirectoryKeepsFlowsExecutionsAndEvents() {
        String flow = platform.startFlow(workspace, "greeter");
        String before = api.webhook(flow, Json.object().put("name", "Cy")).json().path("executionId").asText();
        platform.awaitEnd(flow, before);

        node.restart();
        platform = node.platform();
        api = node.api();

        assertThat(platform.execution(before).path("attributes").path("status").asText()).isEqualTo("completed");
        String after = api.webhook(flow, Json.object().put("name", "Di")).json().path("executionId").asText();
        JsonNode completed = platform.awaitEnd(flow, after).getLast();
        assertThat(completed.path("payload").path("status").asText()).isEqualTo("completed");
        assertThat(platform.events("flow/" + flow + "/execution")).hasSize(4);
    }
}
