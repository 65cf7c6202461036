package io.flowgate.runtime.flow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flowgate.core.Json;
import io.flowgate.core.flow.FlowGraph;
import io.flowgate.core.flow.FlowNode;
import io.flowgate.core.message.TopicMessage;
import io.flowgate.core.message.WebhookTriggerMessage;
import io.flowgate.runtime.component.ComponentRegistry;
import io.flowgate.runtime.component.JsonataExpression.EvaluationException;
import io.flowgate.runtime.component.RetryPolicy;
import io.flowgate.runtime.component.StepResult;
import io.flowgate.runtime.component.TestStepContext;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Runs a flow graph in memory with the real components, the way the engine routes messages (outputs to
 * their target or to every successor, retryable failures tried again while the step's policy allows,
 * every attempt a step run), without broker, store or timers. It checks that a fixture's example means
 * what it says; the end-to-end suite runs the same fixtures through the platform.
 */
final class FixtureRun {

    /** How the run ended: the execution status word, the step runs, the first reply, what was published. */
    record Outcome(String status, int stepCount, StepResult.HttpReply reply, List<TestStepContext.Published> published) {
    }

    private record Pending(String stepId, JsonNode body, ObjectNode attributes, int attempt) {
    }

    private static final int MAX_STEP_RUNS = 10_000;

    private FixtureRun() {
    }

    static Outcome run(FlowGraph graph, ComponentRegistry components, JsonNode triggerBody) {
        FlowNode trigger = graph.trigger();
        Deque<Pending> queue = new ArrayDeque<>();
        queue.add(new Pending(trigger.id(), triggerMessage(trigger, triggerBody), Json.object(), 1));
        int stepRuns = 0;
        int failed = 0;
        StepResult.HttpReply reply = null;
        List<TestStepContext.Published> published = new ArrayList<>();
        while (!queue.isEmpty() && stepRuns < MAX_STEP_RUNS) {
            Pending message = queue.poll();
            FlowNode node = graph.node(message.stepId()).orElseThrow();
            TestStepContext context = TestStepContext.of(message.body()).withAttributes(message.attributes())
                    .withStep(message.stepId(), message.attempt());
            StepResult result = runStep(components, node, context);
            stepRuns++;
            published.addAll(context.published());
            switch (result) {
                case StepResult.Emit emit -> {
                    reply = reply == null ? emit.reply() : reply;
                    for (StepResult.Output output : emit.outputs()) {
                        List<String> targets = output.target() != null ? List.of(output.target()) : graph.successors(node.id());
                        targets.forEach(target -> queue.add(new Pending(target, output.body(), output.attributes(), 1)));
                    }
                }
                case StepResult.Fail fail -> {
                    if (fail.retryable() && RetryPolicy.of(node.fields()).allowsAnotherAfter(message.attempt())) {
                        queue.add(new Pending(message.stepId(), message.body(), message.attributes(), message.attempt() + 1));
                    } else {
                        failed++;
                    }
                }
            }
        }
        return new Outcome(failed > 0 ? "failed" : "completed", stepRuns, reply, published);
    }

    private static StepResult runStep(ComponentRegistry components, FlowNode node, TestStepContext context) {
        try {
            return components.prepare(node).run(context);
        } catch (EvaluationException e) {
            return StepResult.fail("ExpressionError", e.getMessage(), false);
        }
    }

    /** What the platform gives the trigger step: the spec's message around the example body. */
    private static JsonNode triggerMessage(FlowNode trigger, JsonNode body) {
        UUID id = UUID.fromString("01890a5d-ac96-7000-8000-000000000777");
        Instant now = TestStepContext.NOW;
        return switch (trigger.componentId()) {
            case "webhook" -> new WebhookTriggerMessage(Map.of("content-type", "application/json"), (ObjectNode) body,
                    Map.of(), "POST", "", id, now).toJson();
            case "topic" -> new TopicMessage(id, trigger.fieldText("topic", ""), body, now, null, null).toJson();
            default -> body;
        };
    }
}
