package io.flowgate.runtime.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flowgate.core.flow.FlowNode;
import io.flowgate.core.message.StepMessage;
import io.flowgate.runtime.component.StepContext;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;

/** The {@link StepContext} of one step run. */
record EngineStepContext(StepMessage message, FlowNode node, Clock clock, CredentialVault credentials,
                         TopicGateway topics) implements StepContext {

    @Override
    public JsonNode body() {
        return message.body();
    }

    @Override
    public ObjectNode attributes() {
        return message.attributes();
    }

    @Override
    public UUID executionId() {
        return message.executionId();
    }

    @Override
    public UUID flowId() {
        return message.flowId();
    }

    @Override
    public UUID workspaceId() {
        return message.workspaceId();
    }

    @Override
    public String stepId() {
        return message.stepId();
    }

    @Override
    public int attempt() {
        return message.attempt();
    }

    @Override
    public String correlationId() {
        return message.trace().correlationId();
    }

    @Override
    public Optional<ObjectNode> credential() {
        return node.credentialsId() == null ? Optional.empty() : credentials.keys(message.workspaceId(), node.credentialsId());
    }

    @Override
    public void publishToTopic(String topicName, JsonNode data) {
        topics.publish(message.workspaceId(), topicName, data, message.flowId(), correlationId());
    }
}
