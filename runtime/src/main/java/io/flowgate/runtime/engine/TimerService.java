package io.flowgate.runtime.engine;

import io.flowgate.core.port.Store;
import io.flowgate.core.port.Timers;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fires due durable timers: the step message of a delay or a retry is sent to its flow's queue, and the
 * timer is deleted once the broker confirmed it. A claim keeps other nodes off a timer for a while; if
 * this node dies first, the claim runs out and another node fires it.
 */
public final class TimerService {

    private static final Logger LOG = LoggerFactory.getLogger(TimerService.class);
    private static final Duration CLAIM = Duration.ofSeconds(30);
    private static final int BATCH = 500;

    private final Store store;
    private final StepDispatcher dispatcher;
    private final Clock clock;
    private final String nodeId;

    public TimerService(Store store, StepDispatcher dispatcher, Clock clock, String nodeId) {
        this.store = store;
        this.dispatcher = dispatcher;
        this.clock = clock;
        this.nodeId = nodeId;
    }

    /** Fires what is due now; returns how many timers fired. */
    public int fireDue() {
        Instant now = clock.instant();
        List<Timers.Timer> due = store.transact(tx -> tx.timers().claimDue(now, BATCH, nodeId, now.plus(CLAIM)));
        for (Timers.Timer timer : due) {
            fire(timer);
        }
        return due.size();
    }

    private void fire(Timers.Timer timer) {
        if (!TimerKinds.STEP_MESSAGE.equals(timer.kind())) {
            LOG.warn("Ignoring timer {} of unknown kind {}", timer.id(), timer.kind());
            return;
        }
        dispatcher.send(StepMessageCodec.decode(timer.payload())).join();
        store.transact(tx -> {
            tx.timers().delete(timer.id());
            return null;
        });
    }
}
