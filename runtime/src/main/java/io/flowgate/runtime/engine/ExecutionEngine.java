package io.flowgate.runtime.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flowgate.core.IdGenerator;
import io.flowgate.core.Json;
import io.flowgate.core.Timestamps;
import io.flowgate.core.execution.Execution;
import io.flowgate.core.execution.ExecutionStatus;
import io.flowgate.core.execution.StepAttempt;
import io.flowgate.core.execution.StepError;
import io.flowgate.core.message.StepMessage;
import io.flowgate.core.port.ExecutionRepository.AttemptRecord;
import io.flowgate.core.port.Store;
import io.flowgate.core.port.StoreTx;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Processes step messages: runs the step, then records in one transaction the attempt, what it emitted,
 * the timers it needs, the execution's counters and the events; only then sends the emitted messages.
 *
 * <p>When a step emits exactly one message, right now, the engine runs the next step here instead of
 * sending the message through the broker (a local hand-off, up to {@value #MAX_CHAIN} steps): the chain's
 * step runs are still recorded one by one, each keyed by its own message id, in one transaction; a link
 * records the message it handed on as a reference to the next link's record, not as a copy. Fan-out,
 * delays and retries go through the broker and timers, so other workers share them.
 *
 * <p>Chains of concurrent workers are written together when they wait at the same time (group commit).
 *
 * <p>An attempt is keyed by (message id, attempt), so a message delivered twice is recognised: what it
 * emitted the first time is sent again (consumers deduplicate it the same way) and the step does not run
 * again. An execution ends, exactly once, in the transaction that brings its pending count to zero.
 */
public final class ExecutionEngine implements AutoCloseable {

    static final int MAX_CHAIN = 32;

    private final Store store;
    private final GroupCommit<Recorded> commits;
    private final StepRunner runner;
    private final StepDispatcher dispatcher;
    private final EventFactory events;
    private final Clock clock;

    public ExecutionEngine(Store store, FlowCatalog catalog, StepDispatcher dispatcher, EventFactory events,
                           IdGenerator ids, Clock clock, CredentialVault credentials, TopicGateway topics) {
        this.store = store;
        this.commits = new GroupCommit<>(store, "step-commits", 1);
        this.runner = new StepRunner(catalog, ids, clock, credentials, topics);
        this.dispatcher = dispatcher;
        this.events = events;
        this.clock = clock;
    }

    /**
     * Processes one delivery of {@code message}. When it returns, everything the step caused is durable
     * and the delivery may be acknowledged. Returns false when the message had run before (a redelivery or
     * a copy: nothing ran again). Throws NOT_FOUND when the flow version is gone.
     */
    public boolean process(StepMessage message, boolean redelivered) {
        if (redelivered && resendIfRecorded(message)) {
            return false;
        }
        List<StepRunner.Ran> chain = runChain(message);
        Recorded recorded = commit(chain);
        if (recorded.duplicate()) {
            resendIfRecorded(message);
            return false;
        }
        dispatcher.sendAll(chain.getLast().outcome().sendNow()).join();
        boolean replied = chain.stream().anyMatch(ran -> ran.reply() != null);
        if (recorded.ended() != null && !replied) {
            replyEnd(message, recorded.ended());
        }
        return true;
    }

    /** Records the chain in a transaction it may share with other workers' chains. */
    private Recorded commit(List<StepRunner.Ran> chain) {
        return commits.commit(tx -> record(tx, chain));
    }

    /** Runs the message's step and, while each emits exactly one message now, the steps after it. */
    private List<StepRunner.Ran> runChain(StepMessage first) {
        List<StepRunner.Ran> chain = new ArrayList<>();
        StepMessage next = first;
        while (next != null) {
            StepRunner.Ran ran = runner.run(next);
            replyIfAsked(ran);
            chain.add(ran);
            List<StepMessage> emitted = ran.outcome().sendNow();
            boolean handOff = emitted.size() == 1 && ran.outcome().timers().isEmpty() && chain.size() < MAX_CHAIN;
            next = handOff ? emitted.getFirst() : null;
        }
        return chain;
    }

    /** A reply step answers the waiting caller before its run is recorded, so the answer never lags the end. */
    private void replyIfAsked(StepRunner.Ran ran) {
        String replyTo = ran.message().trace().replyTo();
        if (ran.reply() != null && replyTo != null) {
            dispatcher.reply(replyTo, new SyncReply(ran.message().executionId(), SyncReply.Kind.REPLY,
                    ran.reply().status(), ran.reply().headers(), ran.reply().body())).join();
        }
    }

    private boolean resendIfRecorded(StepMessage message) {
        Optional<JsonNode> emitted = store.read(tx -> emittedByChain(tx, message.messageId(), message.attempt()));
        emitted.ifPresent(json -> dispatcher.resendAll(StepMessageCodec.fromJsonArray(json)).join());
        return emitted.isPresent();
    }

    /**
     * What the chain that {@code messageId} started emitted in the end: a link that handed its message to
     * the next link recorded only that hand-off, so this follows the hand-offs to the last link (recorded
     * in the same transaction; a hand-off whose record is gone counts as having emitted nothing, so the
     * steps never run again). Empty when the message was not recorded.
     */
    private static Optional<JsonNode> emittedByChain(StoreTx tx, UUID messageId, int attempt) {
        return tx.executions().emittedBy(messageId, attempt).map(emitted -> followHandOffs(tx, emitted));
    }

    private static JsonNode followHandOffs(StoreTx tx, JsonNode emitted) {
        JsonNode last = emitted;
        for (int link = 1; link < MAX_CHAIN; link++) {
            Optional<StepMessageCodec.HandedOff> next = StepMessageCodec.handedOff(last);
            if (next.isEmpty()) {
                break;
            }
            last = tx.executions().emittedBy(next.get().messageId(), next.get().attempt()).orElseGet(Json::array);
        }
        return last;
    }

    /** What recording a chain found: a duplicate delivery, or whether the execution ended. */
    private record Recorded(boolean duplicate, Execution ended) {
        static final Recorded DUPLICATE = new Recorded(true, null);
        static final Recorded GOING_ON = new Recorded(false, null);
    }

    private Recorded record(StoreTx tx, List<StepRunner.Ran> chain) {
        int pendingDelta = 0;
        int failedDelta = 0;
        for (int link = 0; link < chain.size(); link++) {
            StepRunner.Ran ran = chain.get(link);
            StepRunner.Ran next = link + 1 < chain.size() ? chain.get(link + 1) : null;
            if (!tx.executions().recordAttempt(attemptRecord(ran, next))) {
                return Recorded.DUPLICATE;
            }
            ran.outcome().timers().forEach(tx.timers()::schedule);
            pendingDelta += ran.outcome().pendingDelta();
            failedDelta += ran.outcome().failedDelta();
        }
        StepRunner.Ran first = chain.getFirst();
        Optional<Execution> started = startIfTrigger(tx, first, pendingDelta, chain.size(), failedDelta);
        Execution execution = started.isPresent() ? started.get()
                : tx.executions().count(first.message().executionId(), pendingDelta, chain.size(), failedDelta);
        appendStepErrors(tx, execution, chain);
        if (execution.pending() > 0) {
            if (execution.status() == ExecutionStatus.SUSPENDED) {
                tx.executions().setStatus(execution.id(), ExecutionStatus.RUNNING, null);
            }
            return Recorded.GOING_ON;
        }
        if (started.isPresent()) {
            tx.events().append(events.ended(execution));
            return new Recorded(false, execution);
        }
        return new Recorded(false, Executions.end(tx, events, execution, execution.outcome(), Timestamps.millis(clock.instant())));
    }

    /**
     * When the chain starts its execution (a trigger's first attempt), writes the execution once, with the
     * counters the chain leaves it and, when the chain also ends it (a linear flow), already ended: the row
     * is not updated again in the same transaction. Empty when the chain does not start it, or it existed.
     */
    private Optional<Execution> startIfTrigger(StoreTx tx, StepRunner.Ran first, int pendingDelta, int stepRuns, int failedDelta) {
        StepMessage message = first.message();
        if (!message.isTrigger() || message.attempt() != 1) {
            return Optional.empty();
        }
        Execution running = new Execution(message.executionId(), message.flowId(), message.workspaceId(),
                message.flowVersion(), ExecutionStatus.RUNNING, message.trace().requestId(),
                message.trace().correlationId(), first.started(), null, stepRuns, 1 + pendingDelta, failedDelta);
        Execution execution = running.pending() > 0 ? running
                : Executions.endedAs(running, running.outcome(), Timestamps.millis(clock.instant()));
        if (!tx.executions().insertIfAbsent(execution)) {
            return Optional.empty();
        }
        tx.events().append(events.started(execution));
        return Optional.of(execution);
    }

    private void appendStepErrors(StoreTx tx, Execution execution, List<StepRunner.Ran> chain) {
        for (StepRunner.Ran ran : chain) {
            StepOutcome outcome = ran.outcome();
            if (outcome.error() != null) {
                tx.events().append(events.stepFailed(execution, ran.message().stepId(), outcome.error(), outcome.willRetry(),
                        ran.message().attempt()));
            }
        }
    }

    /** The record of one link; when {@code next} ran after it in the chain, what it emitted is the hand-off to it. */
    private static AttemptRecord attemptRecord(StepRunner.Ran ran, StepRunner.Ran next) {
        StepMessage message = ran.message();
        StepOutcome outcome = ran.outcome();
        var attempt = new StepAttempt(message.attempt(), outcome.status(), outcome.error(), ran.started(), ran.ended());
        return new AttemptRecord(message.messageId(), message.executionId(), message.stepId(), message.parentMessageId(),
                message.attempt() == 1 ? StepMessageCodec.input(message) : null, attempt,
                next == null ? StepMessageCodec.toJsonArray(outcome.sendNow()) : StepMessageCodec.handOff(next.message()));
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

    private JsonNode failureBody(Execution execution, ObjectNode body) {
        var failures = store.read(tx -> tx.executions().failedStepRuns(execution.id()));
        var errors = body.putArray("errors");
        failures.forEach(run -> {
            StepError error = run.attempts().getLast().error();
            errors.addObject().put("status", 500).put("title", error == null ? "Error" : error.name())
                    .put("detail", error == null ? "" : error.message()).put("stepId", run.stepId());
        });
        return body;
    }

    /** Stops the writer; chains not yet written fail and their messages are delivered again. */
    @Override
    public void close() {
        commits.close();
    }
}
