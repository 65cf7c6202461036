package io.flowgate.app;

import io.flowgate.core.port.MessageBus;
import io.flowgate.core.port.Store;
import io.flowgate.runtime.engine.ExecutionEngine;
import io.flowgate.runtime.engine.FlowConsumers;
import io.flowgate.runtime.engine.FlowQueues;
import io.flowgate.runtime.engine.StepWorker;
import io.flowgate.runtime.engine.TimerService;
import io.flowgate.runtime.schedule.Scheduler;
import io.flowgate.runtime.support.Loop;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The worker role: a consumer on the queue of every active flow (kept in step with flow changes on any
 * node, and replaced when the broker cancels one), the durable timers (retries, delays) and the schedules.
 * A stopping node drains it: the broker sends no more, the step runs in hand finish, then it closes and
 * whatever is unfinished goes back to the broker.
 */
final class WorkerModule implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(WorkerModule.class);

    private final ExecutionEngine engine;
    private final StepWorker worker;
    private final FlowConsumers consumers;
    private final Loop following;
    private final List<Loop> firing;

    private WorkerModule(ExecutionEngine engine, StepWorker worker, FlowConsumers consumers, Loop following, List<Loop> firing) {
        this.engine = engine;
        this.worker = worker;
        this.consumers = consumers;
        this.following = following;
        this.firing = firing;
    }

    static WorkerModule start(Store store, MessageBus bus, FlowQueues queues, ExecutionEngine engine, StepWorker worker,
                              TimerService timers, Scheduler scheduler, int prefetch) {
        FlowConsumers consumers = new FlowConsumers(store, bus, queues, worker, prefetch);
        consumers.sync();
        Loop following = Loop.start("flow-consumers", Duration.ofSeconds(2), () -> {
            consumers.sync();
            return 0;
        });
        List<Loop> firing = List.of(Loop.start("timers", Duration.ofMillis(100), timers::fireDue),
                Loop.start("schedules", Duration.ofSeconds(1), scheduler::fireDue));
        return new WorkerModule(engine, worker, consumers, following, firing);
    }

    /** Consumes the queues of the flows active now: called when a flow starts, stops or is deleted on this node. */
    void flowsChanged() {
        consumers.sync();
    }

    /** Takes no more messages, and waits until the step runs in hand are done, or until {@code deadline}. */
    void drain(Instant deadline) {
        following.close();
        firing.forEach(Loop::close);
        consumers.stopDeliveries();
        if (!worker.awaitIdle(deadline)) {
            LOG.warn("Step runs still in progress at the end of the shutdown grace period go back to the broker");
        }
    }

    @Override
    public void close() {
        following.close();
        firing.forEach(Loop::close);
        worker.stop();
        consumers.close();
        engine.close();
    }
}
