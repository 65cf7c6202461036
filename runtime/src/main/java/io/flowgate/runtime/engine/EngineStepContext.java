package io.flowgate.runtime.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flowgate.core.Ids;
import io.flowgate.core.flow.FlowNode;
import io.flowgate.core.message.StepMessage;
import io.flowgate.runtime.component.StepContext;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The {@link StepContext} of one step run. {@code publications} counts the topic messages the run published,
 * so each gets an id of its own that is the same when the step runs again for the same message.
 */
record EngineStepContext(StepMessage message, FlowNode node, Clock clock, CredentialVault credentials,
                         TopicGateway topics, AtomicInteger publications) implements StepContext {

    EngineStepContext(StepMessage message, FlowNode node, Clock clock, CredentialVault credentials, TopicGateway topics) {
        this(message, node, clock, credentials, topics, new AtomicInteger());
    }

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
        UUID id = Ids.deriveInOrderOf(message.messageId(), "topic-publication", message.messageId(), topicName, publications.incrementAndGet());
        topics.publish(new TopicGateway.Publication(message.workspaceId(), topicName, data, id, message.flowId(), correlationId()));
    }
}
