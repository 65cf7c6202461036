package io.flowgate.runtime.component;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;

/** What a step sees while it runs: its message, where it is, and the platform services it may call. */
public interface StepContext {

    JsonNode body();

    ObjectNode attributes();

    UUID executionId();

    UUID flowId();

    UUID workspaceId();

    String stepId();

    int attempt();

    String correlationId();

    Clock clock();

    /** The decrypted keys of the step's credential, if it has one. */
    Optional<ObjectNode> credential();

    /** Publishes to a topic of the flow's workspace and returns once the broker has it. */
    void publishToTopic(String topicName, JsonNode data);
}
