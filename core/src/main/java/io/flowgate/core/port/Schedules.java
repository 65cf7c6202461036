package io.flowgate.core.port;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** When each scheduled flow fires next. Claiming is exclusive, so a schedule fires on one node only. */
public interface Schedules {

    record Schedule(UUID flowId, String cron, Instant nextFireAt) {
    }

    void put(Schedule schedule);

    void remove(UUID flowId);

    /** Locks and returns schedules due at {@code now}, skipping those another node holds. */
    List<Schedule> claimDue(Instant now, int limit);

    void reschedule(UUID flowId, Instant nextFireAt);
}
