package io.flowgate.runtime.engine;

import io.flowgate.core.FlowgateException;
import io.flowgate.core.IdGenerator;
import io.flowgate.core.message.StepMessage;
import io.flowgate.core.port.DeadLetters;
import io.flowgate.core.port.MessageBus;
import io.flowgate.core.port.Store;
import io.flowgate.core.port.Topology;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Consumes step messages from flow queues. Every delivery is acknowledged only after its outcome is
 * durable: processed, or put in a dead-letter record with the reason. While the database or broker is
 * unreachable the worker keeps the message and tries again, so nothing is lost and nothing is rejected.
 */
public final class StepWorker implements MessageBus.Handler {

    private static final Logger LOG = LoggerFactory.getLogger(StepWorker.class);
    private static final Duration MAX_PAUSE = Duration.ofSeconds(5);

    private final ExecutionEngine engine;
    private final Store store;
    private final IdGenerator ids;
    private final Clock clock;
    private volatile boolean running = true;

    public StepWorker(ExecutionEngine engine, Store store, IdGenerator ids, Clock clock) {
        this.engine = engine;
        this.store = store;
        this.ids = ids;
        this.clock = clock;
    }

    @Override
    public void handle(MessageBus.Delivery delivery) {
        Duration pause = Duration.ofMillis(100);
        while (running) {
            try {
                processOrDeadLetter(delivery);
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

    /** Stops retrying: messages not yet done stay with the broker, which delivers them again. */
    public void stop() {
        running = false;
    }

    private void processOrDeadLetter(MessageBus.Delivery delivery) {
        if (!Topology.STEP_MESSAGE_TYPE.equals(delivery.type())) {
            deadLetter(delivery, null, "Unknown message type '" + delivery.type() + "' on a flow queue");
            return;
        }
        StepMessage message;
        try {
            message = StepMessageCodec.decode(delivery.body());
        } catch (FlowgateException e) {
            deadLetter(delivery, null, "Undecodable step message: " + e.getMessage());
            return;
        }
        try {
            engine.process(message, delivery.redelivered());
        } catch (FlowgateException e) {
            if (e.kind() == FlowgateException.Kind.UNAVAILABLE) {
                throw e;
            }
            deadLetter(delivery, message.workspaceId(), e.getMessage());
        } catch (RuntimeException e) {
            if (isStoreOrBrokerDown(e)) {
                throw FlowgateException.unavailable(e.getMessage(), e);
            }
            LOG.error("Step message {} failed unexpectedly; kept as a dead letter", delivery.messageId(), e);
            deadLetter(delivery, message.workspaceId(), e.toString());
        }
    }

    private void deadLetter(MessageBus.Delivery delivery, UUID workspaceId, String reason) {
        LOG.warn("Dead-lettering message {}: {}", delivery.messageId(), reason);
        var letter = new DeadLetters.DeadLetter(ids.next(), workspaceId, "flow-queue", reason, delivery.body(), clock.instant());
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
