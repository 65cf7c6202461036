package io.flowgate.runtime.engine;

import com.fasterxml.jackson.databind.JsonNode;
import io.flowgate.core.IdGenerator;
import io.flowgate.core.Json;
import io.flowgate.core.Timestamps;
import io.flowgate.core.execution.Execution;
import io.flowgate.core.execution.ExecutionStatus;
import io.flowgate.core.execution.StepAttempt;
import io.flowgate.core.execution.StepError;
import io.flowgate.core.execution.StepRunStatus;
import io.flowgate.core.message.StepMessage;
import io.flowgate.core.port.ExecutionRepository.AttemptRecord;
import io.flowgate.core.port.Store;
import io.flowgate.core.port.StoreTx;
import io.flowgate.core.port.Timers;
import io.flowgate.runtime.component.JsonataExpression;
import io.flowgate.runtime.component.StepResult;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Processes step messages: runs the step, then records in one transaction the attempt, what it emitted,
 * the timers it needs, the execution's counters and the events; only then sends the emitted messages.
 *
 * <p>The attempt is keyed by (message id, attempt), so a message delivered twice is recognised: its
 * recorded emissions are sent again (consumers deduplicate them the same way) and the step does not run again.
 * An execution ends, exactly once, in the transaction that brings its pending count to zero.
 */
public final class ExecutionEngine {

    private static final int MAX_STACK_CHARS = 8_000;

    private final Store store;
    private final FlowCatalog catalog;
    private final StepDispatcher dispatcher;
    private final EventFactory events;
    private final IdGenerator ids;
    private final Clock clock;
    private final CredentialVault credentials;
    private final TopicGateway topics;

    public ExecutionEngine(Store store, FlowCatalog catalog, StepDispatcher dispatcher, EventFactory events,
                           IdGenerator ids, Clock clock, CredentialVault credentials, TopicGateway topics) {
        this.store = store;
        this.catalog = catalog;
        this.dispatcher = dispatcher;
        this.events = events;
        this.ids = ids;
        this.clock = clock;
        this.credentials = credentials;
        this.topics = topics;
    }

    /**
     * Processes one delivery of {@code message}. When it returns, everything the step caused is durable
     * and the delivery may be acknowledged. Throws NOT_FOUND when the flow version is gone.
     */
    public void process(StepMessage message, boolean redelivered) {
        PreparedFlow flow = catalog.version(message.flowId(), message.flowVersion());
        if (redelivered && resendIfRecorded(message)) {
            return;
        }
        Instant started = now();
        StepResult result = run(flow, message);
        StepOutcome outcome = decide(flow, message, result);
        if (result instanceof StepResult.Emit emit && emit.reply() != null && message.trace().replyTo() != null) {
            dispatcher.reply(message.trace().replyTo(), new SyncReply(message.executionId(), SyncReply.Kind.REPLY,
                    emit.reply().status(), emit.reply().headers(), emit.reply().body())).join();
        }
        Recorded recorded = store.transact(tx -> record(tx, message, outcome, started));
        if (recorded.duplicate()) {
            resendIfRecorded(message);
            return;
        }
        dispatcher.sendAll(outcome.sendNow()).join();
        if (recorded.ended() != null) {
            replyEnd(message, recorded.ended());
        }
    }

    private boolean resendIfRecorded(StepMessage message) {
        Optional<JsonNode> emitted = store.read(tx -> tx.executions().emittedBy(message.messageId(), message.attempt()));
        emitted.ifPresent(json -> dispatcher.sendAll(StepMessageCodec.fromJsonArray(json)).join());
        return emitted.isPresent();
    }

    private StepResult run(PreparedFlow flow, StepMessage message) {
        var context = new EngineStepContext(message, flow.node(message.stepId()), clock, credentials, topics);
        try {
            return flow.step(message.stepId()).run(context);
        } catch (JsonataExpression.EvaluationException e) {
            return new StepResult.Fail(new StepError("ExpressionError", e.getMessage(), ""), false);
        } catch (RuntimeException e) {
            return new StepResult.Fail(new StepError(e.getClass().getSimpleName(), String.valueOf(e.getMessage()), stack(e)), true);
        }
    }

    private StepOutcome decide(PreparedFlow flow, StepMessage message, StepResult result) {
        return switch (result) {
            case StepResult.Emit emit -> emitted(flow, message, emit);
            case StepResult.Fail fail -> failed(flow, message, fail);
        };
    }

    private StepOutcome emitted(PreparedFlow flow, StepMessage message, StepResult.Emit emit) {
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

    /** What recording an outcome found: a duplicate delivery, or whether the execution ended. */
    private record Recorded(boolean duplicate, Execution ended) {
        static final Recorded DUPLICATE = new Recorded(true, null);
        static final Recorded GOING_ON = new Recorded(false, null);
    }

    private Recorded record(StoreTx tx, StepMessage message, StepOutcome outcome, Instant started) {
        if (message.isTrigger() && message.attempt() == 1) {
            Execution execution = new Execution(message.executionId(), message.flowId(), message.workspaceId(),
                    message.flowVersion(), ExecutionStatus.RUNNING, message.trace().requestId(),
                    message.trace().correlationId(), started, null, 0, 1, 0);
            if (tx.executions().insertIfAbsent(execution)) {
                tx.events().append(events.started(execution));
            }
        }
        var attempt = new StepAttempt(message.attempt(), outcome.status(), outcome.error(), started, now());
        var attemptRecord = new AttemptRecord(message.messageId(), message.executionId(), message.stepId(),
                message.parentMessageId(), message.attempt() == 1 ? StepMessageCodec.input(message) : null, attempt,
                StepMessageCodec.toJsonArray(outcome.sendNow()));
        if (!tx.executions().recordAttempt(attemptRecord)) {
            return Recorded.DUPLICATE;
        }
        outcome.timers().forEach(tx.timers()::schedule);
        Execution execution = tx.executions().count(message.executionId(), outcome.pendingDelta(), 1, outcome.failedDelta());
        if (outcome.error() != null) {
            tx.events().append(events.stepFailed(execution, message.stepId(), outcome.error(), outcome.willRetry(), message.attempt()));
        }
        if (execution.pending() > 0) {
            if (execution.status() == ExecutionStatus.SUSPENDED) {
                tx.executions().setStatus(execution.id(), ExecutionStatus.RUNNING, null);
            }
            return Recorded.GOING_ON;
        }
        return new Recorded(false, end(tx, execution));
    }

    private Execution end(StoreTx tx, Execution execution) {
        return Executions.end(tx, events, execution, execution.outcome(), now());
    }

    /** Tells a waiting sync caller how the execution ended; ignored by the caller's node if a reply came first. */
    private void replyEnd(StepMessage message, Execution execution) {
        String replyTo = message.trace().replyTo();
        if (replyTo == null) {
            return;
        }
        var body = Json.object().put("executionId", execution.id().toString()).put("status", execution.status().wire());
        SyncReply reply = execution.status() == ExecutionStatus.FAILED
                ? new SyncReply(execution.id(), SyncReply.Kind.FAILED, 500, Map.of(), failureBody(execution, body))
                : new SyncReply(execution.id(), SyncReply.Kind.ENDED, 200, Map.of(),
                        body.put("message", "The flow completed without a reply step answering"));
        dispatcher.reply(replyTo, reply).join();
    }

    private JsonNode failureBody(Execution execution, com.fasterxml.jackson.databind.node.ObjectNode body) {
        var failures = store.read(tx -> tx.executions().failedStepRuns(execution.id()));
        var errors = body.putArray("errors");
        failures.forEach(run -> {
            StepError error = run.attempts().getLast().error();
            errors.addObject().put("status", 500).put("title", error == null ? "Error" : error.name())
                    .put("detail", error == null ? "" : error.message()).put("stepId", run.stepId());
        });
        return body;
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
