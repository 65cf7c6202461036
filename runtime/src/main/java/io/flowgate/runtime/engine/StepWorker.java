package io.flowgate.runtime.engine;

import io.flowgate.core.FlowgateException;
import io.flowgate.core.IdGenerator;
import io.flowgate.core.message.StepMessage;
import io.flowgate.core.port.DeadLetters;
import io.flowgate.core.port.MessageBus;
import io.flowgate.core.port.Store;
import io.flowgate.core.port.Topology;
import io.flowgate.runtime.support.InFlight;
import io.flowgate.runtime.topics.TopicTriggers;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Consumes flow queues: step messages, and, on the queues of flows that subscribe to a topic, the topic
 * messages routed there from {@code flowgate.topics}, each of which starts an execution. Every delivery is
 * acknowledged only after its outcome is durable: processed, or put in a dead-letter record with the reason.
 * While the database or broker is unreachable the worker keeps the message and tries again, so nothing is
 * lost and nothing is rejected.
 */
public final class StepWorker {

    private static final Logger LOG = LoggerFactory.getLogger(StepWorker.class);
    private static final Duration MAX_PAUSE = Duration.ofSeconds(5);
    private static final String FLOW_QUEUE = "flow-queue";

    private final ExecutionEngine engine;
    private final TopicTriggers topics;
    private final Store store;
    private final IdGenerator ids;
    private final Clock clock;
    private final InFlight inFlight = new InFlight();
    private volatile boolean running = true;

    public StepWorker(ExecutionEngine engine, TopicTriggers topics, Store store, IdGenerator ids, Clock clock) {
        this.engine = engine;
        this.topics = topics;
        this.store = store;
        this.ids = ids;
        this.clock = clock;
    }

    /** The handler of the queue of flow {@code flowId}. */
    public MessageBus.Handler forFlow(UUID flowId) {
        return delivery -> handle(flowId, delivery);
    }

    public void handle(UUID flowId, MessageBus.Delivery delivery) {
        inFlight.enter();
        try {
            processUntilDone(flowId, delivery);
        } finally {
            inFlight.leave();
        }
    }

    private void processUntilDone(UUID flowId, MessageBus.Delivery delivery) {
        Duration pause = Duration.ofMillis(100);
        while (running) {
            try {
                processOrDeadLetter(flowId, delivery);
                delivery.ack();
                return;
            } catch (FlowgateException e) {
                if (e.kind() != FlowgateException.Kind.UNAVAILABLE) {
                    throw e;
                }
                LOG.warn("Cannot process message {} now, trying again in {} ms: {}", delivery.messageId(), pause.toMillis(), e.getMessage());
                sleep(pause);
                pause = pause.multipliedBy(2).compareTo(MAX_PAUSE) > 0 ? MAX_PAUSE : pause.multipliedBy(2);
            }
        }
    }

    /** Waits until no message is being processed, or until {@code deadline}; false if some still were then. */
    public boolean awaitIdle(Instant deadline) {
        return inFlight.awaitIdle(deadline);
    }

    /**
     * Stops retrying, and dead-letters nothing from now on: messages not yet done stay with the broker, which
     * delivers them again (here after a restart, or to another node).
     */
    public void stop() {
        running = false;
    }

    /**
     * What came from {@code flowgate.topics} is a topic message whatever its AMQP type says (so a client
     * cannot pass a step message off through a topic); everything else must be a step message.
     */
    private void processOrDeadLetter(UUID flowId, MessageBus.Delivery delivery) {
        if (Topology.TOPICS_EXCHANGE.equals(delivery.exchange())) {
            processTopicMessage(flowId, delivery);
            return;
        }
        if (!Topology.STEP_MESSAGE_TYPE.equals(delivery.type())) {
            deadLetter(flowId, delivery, null, FLOW_QUEUE, "Unknown message type '" + delivery.type() + "' on a flow queue");
            return;
        }
        StepMessage message;
        try {
            message = StepMessageCodec.decode(delivery.body());
        } catch (FlowgateException e) {
            deadLetter(flowId, delivery, null, FLOW_QUEUE, "Undecodable step message: " + e.getMessage());
            return;
        }
        process(delivery, message, StepDispatcher.maybeSeenBefore(delivery), FLOW_QUEUE);
    }

    /**
     * A topic message may come again without the broker's redelivered flag (a flow step that ran again
     * publishes the same message id), so the engine always looks first whether its trigger was recorded.
     */
    private void processTopicMessage(UUID flowId, MessageBus.Delivery delivery) {
        String source = TopicTriggers.deadLetterSource(delivery.routingKey());
        switch (readTopicMessage(flowId, delivery)) {
            case TopicTriggers.Rejected rejected -> deadLetter(flowId, delivery, rejected.workspaceId(), source, rejected.reason());
            case TopicTriggers.Trigger trigger -> {
                if (process(delivery, trigger.message(), true, source)) {
                    topics.delivered(trigger);
                }
            }
        }
    }

    private TopicTriggers.Intake readTopicMessage(UUID flowId, MessageBus.Delivery delivery) {
        try {
            return topics.read(flowId, delivery);
        } catch (RuntimeException e) {
            if (isStoreOrBrokerDown(e)) {
                throw FlowgateException.unavailable(e.getMessage(), e);
            }
            LOG.error("Topic message {} could not be read", delivery.messageId(), e);
            return new TopicTriggers.Rejected(null, "Could not read the topic message: " + e);
        }
    }

    /** Runs the message through the engine; true when it ran now, false when it had run before or became a dead letter. */
    private boolean process(MessageBus.Delivery delivery, StepMessage message, boolean maybeSeenBefore, String source) {
        try {
            return engine.process(message, maybeSeenBefore);
        } catch (FlowgateException e) {
            if (e.kind() == FlowgateException.Kind.UNAVAILABLE) {
                throw e;
            }
            deadLetter(message.flowId(), delivery, message.workspaceId(), source, e.getMessage());
        } catch (RuntimeException e) {
            if (isStoreOrBrokerDown(e)) {
                throw FlowgateException.unavailable(e.getMessage(), e);
            }
            LOG.error("Message {} failed unexpectedly; kept as a dead letter", delivery.messageId(), e);
            deadLetter(message.flowId(), delivery, message.workspaceId(), source, e.toString());
        }
        return false;
    }

    private void deadLetter(UUID flowId, MessageBus.Delivery delivery, UUID workspaceId, String source, String reason) {
        if (!running) {
            // while stopping, a failure may well come from the stop itself: the broker keeps the message
            throw FlowgateException.unavailable("Stopping; message " + delivery.messageId() + " is left to the broker", null);
        }
        LOG.warn("Dead-lettering message {} from {}: {}", delivery.messageId(), source, reason);
        var letter = new DeadLetters.DeadLetter(ids.next(), workspaceId, flowId, source, delivery.messageId(), reason,
                delivery.body(), clock.instant());
        store.transact(tx -> {
            tx.deadLetters().insert(letter);
            return null;
        });
    }

    private static boolean isStoreOrBrokerDown(RuntimeException e) {
        Throwable cause = e;
        while (cause != null) {
            if (cause instanceof FlowgateException fe && fe.kind() == FlowgateException.Kind.UNAVAILABLE) {
                return true;
            }
            cause = cause.getCause();
        }
        return false;
    }

    private static void sleep(Duration pause) {
        try {
            Thread.sleep(pause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
