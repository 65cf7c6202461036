package io.flowgate.services.deadletters;

import io.flowgate.core.FlowgateException;
import io.flowgate.core.message.StepMessage;
import io.flowgate.core.port.DeadLetters.DeadLetter;
import io.flowgate.core.port.Page;
import io.flowgate.core.port.Store;
import io.flowgate.core.port.StoreTx;
import io.flowgate.core.workspace.Action;
import io.flowgate.runtime.engine.FlowQueues;
import io.flowgate.runtime.engine.StepDispatcher;
import io.flowgate.runtime.engine.StepMessageCodec;
import io.flowgate.services.auth.Access;
import io.flowgate.services.auth.Caller;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Messages of a workspace that the workers could not process. A dead step message can be retried: it is
 * put on its flow's queue again (where it waits while the flow is stopped), then its record is deleted.
 */
public final class DeadLetterService {

    private static final Duration CONFIRM_TIMEOUT = Duration.ofSeconds(10);

    private final Store store;
    private final FlowQueues queues;
    private final StepDispatcher dispatcher;

    public DeadLetterService(Store store, FlowQueues queues, StepDispatcher dispatcher) {
        this.store = store;
        this.queues = queues;
        this.dispatcher = dispatcher;
    }

    public Page.Result<DeadLetter> list(Caller caller, UUID workspaceId, Page page) {
        return store.read(tx -> {
            Access.require(tx, caller, workspaceId, Action.READ);
            return tx.deadLetters().page(workspaceId, page);
        });
    }

    /** Re-queues the letter's step message; CONFLICT when it is no step message or its flow (version) is gone. */
    public DeadLetter retry(Caller caller, UUID workspaceId, UUID id) {
        DeadLetter letter = store.read(tx -> {
            Access.require(tx, caller, workspaceId, Action.RETRY_DEAD_LETTERS);
            return existing(tx, workspaceId, id);
        });
        StepMessage message = retryable(letter);
        queues.ensure(message.flowId());
        send(message);
        store.transact(tx -> {
            tx.deadLetters().delete(id);
            return null;
        });
        return letter;
    }

    private StepMessage retryable(DeadLetter letter) {
        StepMessage message;
        try {
            message = StepMessageCodec.decode(letter.payload());
        } catch (FlowgateException e) {
            throw FlowgateException.conflict("Dead letter " + letter.id() + " cannot be retried: it is not a step message");
        }
        boolean flowVersionExists = store.read(tx -> tx.flows().find(message.flowId())
                .filter(flow -> flow.workspaceId().equals(letter.workspaceId()))
                .flatMap(flow -> tx.flows().findVersion(flow.id(), message.flowVersion()))
                .isPresent());
        if (!flowVersionExists) {
            throw FlowgateException.conflict("Dead letter " + letter.id() + " cannot be retried: flow " + message.flowId()
                    + " version " + message.flowVersion() + " no longer exists");
        }
        return message;
    }

    private void send(StepMessage message) {
        try {
            dispatcher.send(message).get(CONFIRM_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw FlowgateException.unavailable("Interrupted while the broker confirmed the retry", e);
        } catch (ExecutionException | TimeoutException e) {
            throw FlowgateException.unavailable("The broker did not accept the retry: " + e.getMessage(), e);
        }
    }

    private static DeadLetter existing(StoreTx tx, UUID workspaceId, UUID id) {
        return tx.deadLetters().find(id).filter(letter -> workspaceId.equals(letter.workspaceId()))
                .orElseThrow(() -> FlowgateException.notFound("Dead letter " + id + " does not exist"));
    }
}
