package io.flowgate.app.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.flowgate.http.DocumentSchemas;
import java.util.List;

/** Checks emitted events against the schemas of the AsyncAPI document the server publishes, by message name. */
public final class EventSchemas {

    private static final DocumentSchemas ASYNCAPI = DocumentSchemas.asyncApi();
    private static final List<String> EVENT_NAMES = List.of("FlowExecutionEvent", "FlowErrorEvent", "WorkspaceActivityEvent");

    private EventSchemas() {
    }

    /** The violations of {@code payload} against the document's schema {@code name}. */
    public static List<String> violations(String name, JsonNode payload) {
        assertThat(EVENT_NAMES).as("a message name of the document").contains(name);
        return ASYNCAPI.violations(name, payload);
    }

    /** Every history entry ({@code name}, {@code payload}) validates against the schema of its name. */
    public static void assertValid(List<JsonNode> history) {
        for (JsonNode entry : history) {
            String name = entry.path("name").asText();
            assertThat(violations(name, entry.path("payload"))).as(name + " " + entry.path("payload")).isEmpty();
        }
    }

    /** The headers of an outbound delivery validate against the document's StandardWebhooksHeaders schema. */
    public static List<String> headerViolations(JsonNode headers) {
        return ASYNCAPI.violations("StandardWebhooksHeaders", headers);
    }
}
