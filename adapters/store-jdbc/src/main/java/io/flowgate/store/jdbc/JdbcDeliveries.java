package io.flowgate.store.jdbc;

import io.flowgate.core.event.ChannelAddress;
import io.flowgate.core.port.DeliveryRepository;
import io.flowgate.core.port.Page;
import io.flowgate.core.subscription.Delivery;
import io.flowgate.core.subscription.DeliveryAttempt;
import io.flowgate.core.subscription.DeliveryHistory;
import io.flowgate.core.subscription.DeliveryStatus;
import io.flowgate.core.subscription.SubscriptionStatus;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

final class JdbcDeliveries implements DeliveryRepository {

    private static final String COLUMNS = "id, subscription_id, event_id, event_name, channel, status, retry_step, "
            + "next_attempt_at, created_at";

    /**
     * Due, unclaimed, of an active subscription, and for an ordered subscription the oldest pending one:
     * a later delivery waits until the ones before it succeeded or failed for good.
     */
    private static final String PENDING = "'" + DeliveryStatus.PENDING.name() + "'";
    private static final String CLAIMABLE = " WHERE d.status = " + PENDING + " AND d.next_attempt_at <= ?"
            + " AND (d.claimed_until IS NULL OR d.claimed_until < ?)"
            + " AND EXISTS (SELECT 1 FROM subscriptions s WHERE s.id = d.subscription_id AND s.status = '" + SubscriptionStatus.ACTIVE.name() + "'"
            + " AND (s.is_ordered = FALSE OR NOT EXISTS (SELECT 1 FROM deliveries p WHERE p.subscription_id = d.subscription_id"
            + " AND p.status = " + PENDING + " AND p.seq < d.seq)))";

    private final Sql sql;

    JdbcDeliveries(Sql sql) {
        this.sql = sql;
    }

    @Override
    public void insert(List<Delivery> deliveries) {
        insertClaimed(deliveries, null, null);
    }

    @Override
    public void insertClaimed(List<Delivery> deliveries, String nodeId, Instant claimUntil) {
        sql.batch("INSERT INTO deliveries (" + COLUMNS + ", claimed_by, claimed_until) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                deliveries.stream().map(d -> new Object[] {d.id(), d.subscriptionId(), d.eventId(), d.eventName(), d.channel().value(),
                        d.status(), d.retryStep(), d.nextAttemptAt(), d.createdAt(), nodeId, claimUntil}).toList());
    }

    /**
     * Picks the deliveries first without locking, then locks those that are still claimable. A sorted
     * {@code FOR UPDATE} query would do it in one statement, but H2 locks every row such a query looks at,
     * not only those it returns: with a backlog, each claim would lock (and write) every pending delivery.
     */
    @Override
    public List<Due> claimDue(Instant now, int limit, String nodeId, Instant claimUntil) {
        // status is fixed by CLAIMABLE: ordering by it too lets the claim follow the deliveries_claim index
        List<UUID> picked = sql.query("SELECT d.id FROM deliveries d" + CLAIMABLE + " ORDER BY d.status, d.next_attempt_at, d.seq LIMIT " + limit,
                row -> Sql.uuid(row, "id"), now, now);
        if (picked.isEmpty()) {
            return List.of();
        }
        List<Object> args = new ArrayList<>(List.of(now, now));
        args.addAll(picked);
        Map<UUID, Delivery> locked = new HashMap<>();
        sql.query("SELECT " + prefixed("d") + " FROM deliveries d" + CLAIMABLE + " AND d.id IN ("
                        + JdbcExecutions.placeholders(picked.size()) + ") FOR UPDATE SKIP LOCKED", JdbcDeliveries::delivery, args.toArray())
                .forEach(delivery -> locked.put(delivery.id(), delivery));
        List<Delivery> due = picked.stream().map(locked::get).filter(Objects::nonNull).toList();
        if (due.isEmpty()) {
            return List.of();
        }
        sql.batch("UPDATE deliveries SET claimed_by = ?, claimed_until = ? WHERE id = ?",
                due.stream().map(d -> new Object[] {nodeId, claimUntil, d.id()}).toList());
        Map<UUID, String> payloads = payloads(due);
        return due.stream().map(d -> new Due(d, payloads.get(d.eventId()))).toList();
    }

    private Map<UUID, String> payloads(List<Delivery> deliveries) {
        List<UUID> eventIds = deliveries.stream().map(Delivery::eventId).distinct().toList();
        Map<UUID, String> payloads = new HashMap<>();
        sql.query("SELECT id, payload FROM events WHERE id IN (" + JdbcExecutions.placeholders(eventIds.size()) + ")",
                row -> payloads.put(Sql.uuid(row, "id"), row.getString("payload")), eventIds.toArray());
        return payloads;
    }

    @Override
    public Optional<Delivery> lock(UUID id) {
        return sql.queryOne("SELECT " + COLUMNS + " FROM deliveries WHERE id = ? FOR UPDATE", JdbcDeliveries::delivery, id);
    }

    @Override
    public Optional<Delivery> find(UUID id) {
        return sql.queryOne("SELECT " + COLUMNS + " FROM deliveries WHERE id = ?", JdbcDeliveries::delivery, id);
    }

    @Override
    public Map<UUID, Locked> lockWithAttempts(List<UUID> ids) {
        Map<UUID, Locked> locked = new HashMap<>();
        if (ids.isEmpty()) {
            return locked;
        }
        // in the order of their ids, so that two transactions locking some of the same deliveries cannot deadlock
        sql.query("SELECT " + prefixed("d") + ", (SELECT COALESCE(MAX(a.attempt), 0) FROM delivery_attempts a"
                        + " WHERE a.delivery_id = d.id) AS attempts FROM deliveries d WHERE d.id IN ("
                        + JdbcExecutions.placeholders(ids.size()) + ") ORDER BY d.id FOR UPDATE",
                row -> locked.put(Sql.uuid(row, "id"), new Locked(delivery(row), row.getInt("attempts"))), ids.toArray());
        return locked;
    }

    @Override
    public void updateAll(List<Delivery> deliveries) {
        sql.batch("UPDATE deliveries SET status = ?, retry_step = ?, next_attempt_at = ?, claimed_by = NULL, claimed_until = NULL "
                + "WHERE id = ?", deliveries.stream().map(d -> new Object[] {d.status(), d.retryStep(), d.nextAttemptAt(), d.id()}).toList());
    }

    @Override
    public void recordAttempts(List<Attempted> attempts) {
        sql.batch("INSERT INTO delivery_attempts (delivery_id, attempt, attempted_at, status_code, latency_ms, response, error) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?)", attempts.stream().map(a -> new Object[] {a.deliveryId(), a.attempt().attempt(),
                a.attempt().at(), a.attempt().statusCode(), a.attempt().latencyMillis(), a.attempt().response(), a.attempt().error()}).toList());
    }

    @Override
    public Page.Result<DeliveryHistory> list(UUID subscriptionId, DeliveryStatus status, Page page) {
        String where = " WHERE subscription_id = ?" + (status == null ? "" : " AND status = ?");
        Object[] args = status == null ? new Object[] {subscriptionId} : new Object[] {subscriptionId, status};
        long total = sql.count("SELECT COUNT(*) FROM deliveries" + where, args);
        List<Delivery> deliveries = sql.query("SELECT " + COLUMNS + " FROM deliveries" + where + " ORDER BY seq DESC LIMIT "
                + page.size() + " OFFSET " + page.offset(), JdbcDeliveries::delivery, args);
        return new Page.Result<>(withAttempts(deliveries), total, page);
    }

    @Override
    public Optional<DeliveryHistory> history(UUID deliveryId) {
        return find(deliveryId).map(d -> withAttempts(List.of(d)).getFirst());
    }

    /** The deliveries with their latest attempts, read in one query however many attempts there are. */
    private List<DeliveryHistory> withAttempts(List<Delivery> deliveries) {
        if (deliveries.isEmpty()) {
            return List.of();
        }
        Map<UUID, List<DeliveryAttempt>> attempts = new HashMap<>();
        Map<UUID, Integer> counts = new HashMap<>();
        sql.query("SELECT * FROM (SELECT delivery_id, attempt, attempted_at, status_code, latency_ms, response, error, "
                        + "ROW_NUMBER() OVER (PARTITION BY delivery_id ORDER BY attempt DESC) AS newest, "
                        + "COUNT(*) OVER (PARTITION BY delivery_id) AS attempt_count FROM delivery_attempts WHERE delivery_id IN ("
                        + JdbcExecutions.placeholders(deliveries.size()) + ")) listed WHERE newest <= " + DeliveryHistory.LISTED_ATTEMPTS
                        + " ORDER BY delivery_id, attempt", row -> {
                    UUID id = Sql.uuid(row, "delivery_id");
                    attempts.computeIfAbsent(id, key -> new ArrayList<>()).add(attempt(row));
                    counts.put(id, row.getInt("attempt_count"));
                    return id;
                }, deliveries.stream().map(Delivery::id).toArray());
        return deliveries.stream().map(d -> new DeliveryHistory(d, attempts.getOrDefault(d.id(), List.of()),
                counts.getOrDefault(d.id(), 0))).toList();
    }

    @Override
    public long replayStart(Instant since) {
        long first = sql.count("SELECT COALESCE(MIN(event_cursor), 0) FROM events WHERE created_at >= ? AND event_cursor IS NOT NULL",
                since);
        return first > 0 ? first - 1 : sql.count("SELECT last_cursor FROM event_sequencer WHERE id = 1");
    }

    @Override
    public int deleteCreatedBefore(Instant before, int limit) {
        List<Long> batch = sql.query("SELECT seq FROM deliveries WHERE created_at < ? ORDER BY created_at LIMIT " + limit,
                row -> row.getLong(1), before);
        return sql.deleteByKeys("deliveries", "seq", batch);
    }

    private static String prefixed(String alias) {
        return alias + "." + COLUMNS.replace(", ", ", " + alias + ".");
    }

    private static Delivery delivery(ResultSet row) throws SQLException {
        return new Delivery(Sql.uuid(row, "id"), Sql.uuid(row, "subscription_id"), Sql.uuid(row, "event_id"),
                row.getString("event_name"), new ChannelAddress(row.getString("channel")),
                DeliveryStatus.valueOf(row.getString("status")), row.getInt("retry_step"), Sql.instant(row, "next_attempt_at"),
                Sql.instant(row, "created_at"));
    }

    private static DeliveryAttempt attempt(ResultSet row) throws SQLException {
        int code = row.getInt("status_code");
        Integer statusCode = row.wasNull() ? null : code;
        return new DeliveryAttempt(row.getInt("attempt"), Sql.instant(row, "attempted_at"), statusCode, row.getLong("latency_ms"),
                row.getString("response"), row.getString("error"));
    }
}
