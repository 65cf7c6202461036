package io.flowgate.runtime.schedule;

import io.flowgate.core.Json;
import io.flowgate.core.Timestamps;
import io.flowgate.core.flow.Flow;
import io.flowgate.core.flow.FlowNode;
import io.flowgate.core.message.StepMessage;
import io.flowgate.core.port.Schedules;
import io.flowgate.core.port.Store;
import io.flowgate.runtime.engine.StepDispatcher;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * Fires scheduled flows. Each active flow whose trigger is {@code schedule}/{@code cron} has a row with its
 * next fire time; a node claims due rows (others skip them), publishes the trigger and moves the time on,
 * in one transaction. The trigger's ids derive from the flow and the fire time, so a fire repeated after
 * a crash is recognised as the same execution. Fires missed while no node ran are not caught up: the
 * next fire is the first after now.
 */
public final class Scheduler {

    private static final int BATCH = 100;

    private final Store store;
    private final StepDispatcher dispatcher;
    private final Clock clock;

    public Scheduler(Store store, StepDispatcher dispatcher, Clock clock) {
        this.store = store;
        this.dispatcher = dispatcher;
        this.clock = clock;
    }

    /** The cron expression of a scheduled flow (its trigger's {@code cron} field, else the flow's), if it is one. */
    public static Optional<String> cronOf(Flow flow) {
        FlowNode trigger = flow.graph().trigger();
        if (!trigger.is("schedule", "cron")) {
            return Optional.empty();
        }
        String field = trigger.fieldText("cron", null);
        return Optional.ofNullable(field != null ? field : flow.cron());
    }

    /** Starts firing the flow, from its next fire time after now. */
    public void register(Flow flow) {
        cronOf(flow).ifPresent(cron -> store.transact(tx -> {
            tx.schedules().put(new Schedules.Schedule(flow.id(), cron, CronSchedule.parse(cron, "/cron").nextAfter(clock.instant())));
            return null;
        }));
    }

    public void unregister(UUID flowId) {
        store.transact(tx -> {
            tx.schedules().remove(flowId);
            return null;
        });
    }

    /** Fires what is due; returns how many schedules fired. */
    public int fireDue() {
        Instant now = clock.instant();
        return store.transact(tx -> {
            int fired = 0;
            for (Schedules.Schedule due : tx.schedules().claimDue(now, BATCH)) {
                Optional<Flow> flow = tx.flows().find(due.flowId()).filter(Flow::isActive);
                if (flow.isEmpty()) {
                    tx.schedules().remove(due.flowId());
                    continue;
                }
                dispatcher.send(trigger(flow.get(), due.nextFireAt(), now)).join();
                Instant next = CronSchedule.parse(due.cron(), "/cron").nextAfter(now.isAfter(due.nextFireAt()) ? now : due.nextFireAt());
                tx.schedules().reschedule(due.flowId(), next);
                fired++;
            }
            return fired;
        });
    }

    private static StepMessage trigger(Flow flow, Instant scheduledFor, Instant firedAt) {
        String key = flow.id() + "@" + scheduledFor;
        UUID messageId = UUID.nameUUIDFromBytes(("message:" + key).getBytes(StandardCharsets.UTF_8));
        UUID executionId = UUID.nameUUIDFromBytes(("execution:" + key).getBytes(StandardCharsets.UTF_8));
        var body = Json.object().put("scheduledFor", Timestamps.format(scheduledFor)).put("firedAt", Timestamps.format(firedAt));
        return new StepMessage(messageId, null, executionId, flow.id(), flow.workspaceId(), flow.version(),
                flow.graph().trigger().id(), 1, body, Json.object().put("trigger", "schedule"),
                new StepMessage.TraceContext(messageId, messageId.toString(), null));
    }
}
