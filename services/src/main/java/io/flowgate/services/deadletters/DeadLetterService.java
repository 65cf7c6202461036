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
import io.flowgate.runtime.topics.TopicTriggers;
import io.flowgate.services.auth.Access;
import io.flowgate.services.auth.Caller;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Messages of a workspace that the workers could not process. Retrying one puts it on its flow's queue
 * again (where it waits while the flow is stopped), then deletes its record:
 *
 * <ul>
 *   <li>a step message goes as it is, to the flow version it was made for;</li>
 *   <li>a topic message goes to the one subscriber that could not take it, checked again against the
 *       topic as it is now (a message refused by the topic's schema can be retried once the schema accepts
 *       it), and starts that subscriber's execution for it, the one it would have started at first.</li>
 * </ul>
 */
public final class DeadLetterService {

    private static final Duration CONFIRM_TIMEOUT = Duration.ofSeconds(10);

    private final Store store;
    private final FlowQueues queues;
    private final StepDispatcher dispatcher;
    private final TopicTriggers topics;

    public DeadLetterService(Store store, FlowQueues queues, StepDispatcher dispatcher, TopicTriggers topics) {
        this.store = store;
        this.queues = queues;
        this.dispatcher = dispatcher;
        this.topics = topics;
    }

    public Page.Result<DeadLetter> list(Caller caller, UUID workspaceId, Page page) {
        return store.read(tx -> {
            Access.require(tx, caller, workspaceId, Action.READ);
            return tx.deadLetters().page(workspaceId, page);
        });
    }

    /** Re-queues the letter's message; CONFLICT, with the reason, when it still cannot be processed. */
    public DeadLetter retry(Caller caller, UUID workspaceId, UUID id) {
        DeadLetter letter = store.read(tx -> {
            Access.require(tx, caller, workspaceId, Action.RETRY_DEAD_LETTERS);
            return existing(tx, workspaceId, id);
        });
        TopicTriggers.routingKeyOf(letter.source()).ifPresentOrElse(
                routingKey -> retryTopicMessage(letter, routingKey),
                () -> requeue(stepMessage(letter)));
        store.transact(tx -> {
            tx.deadLetters().delete(id);
            return null;
        });
        return letter;
    }

    private void retryTopicMessage(DeadLetter letter, String routingKey) {
        if (letter.flowId() == null) {
            throw notRetryable(letter, "it does not say which subscriber it was meant for (it was kept by an older version)");
        }
        switch (topics.read(letter.flowId(), routingKey, letter.payload(), letter.messageId(), false)) {
            case TopicTriggers.Rejected rejected -> throw notRetryable(letter, rejected.reason());
            case TopicTriggers.Trigger trigger -> {
                if (!letter.workspaceId().equals(trigger.message().workspaceId())) {
                    throw notRetryable(letter, "flow " + letter.flowId() + " is not in its workspace");
                }
                requeue(trigger.message());
                topics.delivered(trigger);
            }
        }
    }

    private StepMessage stepMessage(DeadLetter letter) {
        StepMessage message;
        try {
            message = StepMessageCodec.decode(letter.payload());
        } catch (FlowgateException e) {
            throw notRetryable(letter, "it is not a step message");
        }
        boolean flowVersionExists = store.read(tx -> tx.flows().find(message.flowId())
                .filter(flow -> flow.workspaceId().equals(letter.workspaceId()))
                .flatMap(flow -> tx.flows().findVersion(flow.id(), message.flowVersion()))
                .isPresent());
        if (!flowVersionExists) {
            throw notRetryable(letter, "flow " + message.flowId() + " version " + message.flowVersion() + " no longer exists");
        }
        return message;
    }

    private void requeue(StepMessage message) {
        queues.ensure(message.flowId());
        try {
            dispatcher.send(message).get(CONFIRM_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw FlowgateException.unavailable("Interrupted while the broker confirmed the retry", e);
        } catch (ExecutionException | TimeoutException e) {
            throw FlowgateException.unavailable("The broker did not accept the retry: " + e.getMessage(), e);
        }
    }

    private static FlowgateException notRetryable(DeadLetter letter, String why) {
        return FlowgateException.conflict("Dead letter " + letter.id() + " cannot be retried: " + why);
    }

    private static DeadLetter existing(StoreTx tx, UUID workspaceId, UUID id) {
        return tx.deadLetters().find(id).filter(letter -> workspaceId.equals(letter.workspaceId()))
                .orElseThrow(() -> FlowgateException.notFound("Dead letter " + id + " does not exist"));
    }
}
