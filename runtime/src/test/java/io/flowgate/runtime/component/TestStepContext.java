package io.flowgate.runtime.component;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flowgate.core.Json;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A {@link StepContext} for component tests: a plain value with fixed ids and clock, an optional
 * credential, and a record of what the step published to topics.
 */
public final class TestStepContext implements StepContext {

    /** One call of {@link #publishToTopic}. */
    public record Published(String topicName, JsonNode data) {
    }

    public static final UUID EXECUTION_ID = UUID.fromString("01890a5d-ac96-7000-8000-0000000000e1");
    public static final UUID FLOW_ID = UUID.fromString("01890a5d-ac96-7000-8000-0000000000f1");
    public static final UUID WORKSPACE_ID = UUID.fromString("01890a5d-ac96-7000-8000-0000000000a1");
    public static final Instant NOW = Instant.parse("2026-11-27T10:00:00Z");

    private final JsonNode body;
    private final ObjectNode attributes;
    private final String stepId;
    private final int attempt;
    private final ObjectNode credential;
    private final List<Published> published = new CopyOnWriteArrayList<>();
    private final RuntimeException topicFailure;

    private TestStepContext(JsonNode body, ObjectNode attributes, String stepId, int attempt, ObjectNode credential,
                            RuntimeException topicFailure) {
        this.body = body;
        this.attributes = attributes;
        this.stepId = stepId;
        this.attempt = attempt;
        this.credential = credential;
        this.topicFailure = topicFailure;
    }

    /** A first attempt of step {@code step} on {@code body}, without attributes or credential. */
    public static TestStepContext of(JsonNode body) {
        return new TestStepContext(body, Json.object(), "step", 1, null, null);
    }

    public static TestStepContext of(String bodyJson) {
        return of(Json.parse(bodyJson));
    }

    public TestStepContext withAttributes(ObjectNode newAttributes) {
        return new TestStepContext(body, newAttributes, stepId, attempt, credential, topicFailure);
    }

    public TestStepContext withStep(String newStepId, int newAttempt) {
        return new TestStepContext(body, attributes, newStepId, newAttempt, credential, topicFailure);
    }

    public TestStepContext withCredential(ObjectNode keys) {
        return new TestStepContext(body, attributes, stepId, attempt, keys, topicFailure);
    }

    /** A context whose topic publishing fails with {@code failure}, as the platform's would. */
    public TestStepContext withTopicFailure(RuntimeException failure) {
        return new TestStepContext(body, attributes, stepId, attempt, credential, failure);
    }

    public List<Published> published() {
        return List.copyOf(published);
    }

    @Override
    public JsonNode body() {
        return body;
    }

    @Override
    public ObjectNode attributes() {
        return attributes;
    }

    @Override
    public UUID executionId() {
        return EXECUTION_ID;
    }

    @Override
    public UUID flowId() {
        return FLOW_ID;
    }

    @Override
    public UUID workspaceId() {
        return WORKSPACE_ID;
    }

    @Override
    public String stepId() {
        return stepId;
    }

    @Override
    public int attempt() {
        return attempt;
    }

    @Override
    public String correlationId() {
        return "correlation-1";
    }

    @Override
    public Clock clock() {
        return Clock.fixed(NOW, ZoneOffset.UTC);
    }

    @Override
    public Optional<ObjectNode> credential() {
        return Optional.ofNullable(credential);
    }

    @Override
    public void publishToTopic(String topicName, JsonNode data) {
        if (topicFailure != null) {
            throw topicFailure;
        }
        published.add(new Published(topicName, data));
    }
}
