package io.flowgate.store.jdbc;

import io.flowgate.core.port.Schedules;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

final class JdbcSchedules implements Schedules {

    private final Sql sql;

    JdbcSchedules(Sql sql) {
        this.sql = sql;
    }

    @Override
    public void put(Schedule schedule) {
        if (sql.update("UPDATE schedules SET cron = ?, next_fire_at = ? WHERE flow_id = ?",
                schedule.cron(), schedule.nextFireAt(), schedule.flowId()) == 0) {
            sql.update("INSERT INTO schedules (flow_id, cron, next_fire_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                    schedule.flowId(), schedule.cron(), schedule.nextFireAt());
        }
    }

    @Override
    public void remove(UUID flowId) {
        sql.update("DELETE FROM schedules WHERE flow_id = ?", flowId);
    }

    @Override
    public List<Schedule> claimDue(Instant now, int limit) {
        return sql.query("SELECT flow_id, cron, next_fire_at FROM schedules WHERE next_fire_at <= ? ORDER BY next_fire_at "
                        + "LIMIT " + limit + " FOR UPDATE SKIP LOCKED",
                row -> new Schedule(Sql.uuid(row, "flow_id"), row.getString("cron"), Sql.instant(row, "next_fire_at")), now);
    }

    @Override
    public void reschedule(UUID flowId, Instant nextFireAt) {
        sql.update("UPDATE schedules SET next_fire_at = ? WHERE flow_id = ?", nextFireAt, flowId);
    }
}
