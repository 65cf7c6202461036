package io.flowgate.runtime.engine;

import io.flowgate.core.IdGenerator;
import io.flowgate.core.Timestamps;
import io.flowgate.core.execution.StepError;
import io.flowgate.core.execution.StepRunStatus;
import io.flowgate.core.message.StepMessage;
import io.flowgate.core.port.Timers;
import io.flowgate.runtime.component.JsonataExpression;
import io.flowgate.runtime.component.StepResult;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs the step a message is for and decides what follows from its result: the messages it emits (now,
 * or later through a timer), or a retry, or a failure. Nothing is written here.
 */
final class StepRunner {

    private static final int MAX_STACK_CHARS = 8_000;

    /** One step run: its message, what it decided, the HTTP reply it gives (or null) and when it ran. */
    record Ran(StepMessage message, StepOutcome outcome, StepResult.HttpReply reply, Instant started, Instant ended) {
    }

    private final FlowCatalog catalog;
    private final IdGenerator ids;
    private final Clock clock;
    private final CredentialVault credentials;
    private final TopicGateway topics;

    StepRunner(FlowCatalog catalog, IdGenerator ids, Clock clock, CredentialVault credentials, TopicGateway topics) {
        this.catalog = catalog;
        this.ids = ids;
        this.clock = clock;
        this.credentials = credentials;
        this.topics = topics;
    }

    /** Runs the step; throws NOT_FOUND when the message's flow version is gone. */
    Ran run(StepMessage message) {
        PreparedFlow flow = catalog.version(message.flowId(), message.flowVersion());
        Instant started = now();
        StepResult result = execute(flow, message);
        StepOutcome outcome = switch (result) {
            case StepResult.Emit emit -> emitted(flow, message, emit);
            case StepResult.Fail fail -> failed(flow, message, fail);
        };
        StepResult.HttpReply reply = result instanceof StepResult.Emit emit ? emit.reply() : null;
        return new Ran(message, outcome, reply, started, now());
    }

    private StepResult execute(PreparedFlow flow, StepMessage message) {
        var context = new EngineStepContext(message, flow.node(message.stepId()), clock, credentials, topics);
        try {
            return flow.step(message.stepId()).run(context);
        } catch (JsonataExpression.EvaluationException e) {
            return new StepResult.Fail(new StepError("ExpressionError", e.getMessage(), ""), false);
        } catch (RuntimeException e) {
            return new StepResult.Fail(new StepError(e.getClass().getSimpleName(), String.valueOf(e.getMessage()), stack(e)), true);
        }
    }

    private StepOutcome emitted(PreparedFlow flow, StepMessage message, StepResult.Emit emit) {
        if (emit.outputs().stream().anyMatch(output -> MessageSize.exceedsLimit(output.body()))) {
            return failed(flow, message, new StepResult.Fail(new StepError("MessageTooLarge",
                    "The step emitted a message larger than " + MessageSize.LIMIT_BYTES + " bytes", ""), false));
        }
        List<StepMessage> now = new ArrayList<>();
        List<Timers.Timer> later = new ArrayList<>();
        for (StepResult.Output output : emit.outputs()) {
            List<String> targets = output.target() != null ? List.of(output.target()) : flow.successors(message.stepId());
            for (String target : targets) {
                StepMessage child = message.child(ids.next(), target, output.body(), output.attributes());
                if (output.delay().isZero()) {
                    now.add(child);
                } else {
                    later.add(timer(child, now().plus(output.delay())));
                }
            }
        }
        int emittedCount = now.size() + later.size();
        return new StepOutcome(StepRunStatus.SUCCEEDED, now, later, null, false, emittedCount - 1, 0);
    }

    private StepOutcome failed(PreparedFlow flow, StepMessage message, StepResult.Fail fail) {
        var policy = flow.retryPolicy(message.stepId());
        boolean willRetry = fail.retryable() && policy.allowsAnotherAfter(message.attempt());
        if (willRetry) {
            Timers.Timer retry = timer(message.nextAttempt(), now().plus(policy.backoff(message.attempt())));
            return new StepOutcome(StepRunStatus.RETRYING, List.of(), List.of(retry), fail.error(), true, 0, 0);
        }
        return new StepOutcome(StepRunStatus.FAILED, List.of(), List.of(), fail.error(), false, -1, 1);
    }

    private Timers.Timer timer(StepMessage message, Instant dueAt) {
        return new Timers.Timer(ids.next(), dueAt, TimerKinds.STEP_MESSAGE, StepMessageCodec.encode(message));
    }

    private Instant now() {
        return Timestamps.millis(clock.instant());
    }

    private static String stack(Throwable e) {
        StringWriter out = new StringWriter();
        e.printStackTrace(new PrintWriter(out));
        String text = out.toString();
        return text.length() > MAX_STACK_CHARS ? text.substring(0, MAX_STACK_CHARS) : text;
    }
}
