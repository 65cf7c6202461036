package io.flowgate.store.jdbc;

import io.flowgate.core.port.Page;
import io.flowgate.core.port.TopicRepository;
import io.flowgate.core.topic.Topic;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

final class JdbcTopics implements TopicRepository {

    private static final String COLUMNS = "id, workspace_id, name, schema_json, version, created_at, updated_at";
    private static final String VERSION_COLUMNS = "t.id, t.workspace_id, v.name, v.schema_json, v.version, t.created_at, "
            + "v.created_at AS updated_at";

    private static final String ADD_PUBLISHED = "UPDATE topic_published SET published = published + ? WHERE topic_id = ?";
    private static final String ADD_DELIVERED = "UPDATE topic_delivered SET delivered = delivered + ? WHERE topic_id = ? AND flow_id = ?";
    private static final Comparator<Subscription> BY_TOPIC_THEN_FLOW =
            Comparator.comparing(Subscription::topicId).thenComparing(Subscription::flowId);

    private final Sql sql;

    JdbcTopics(Sql sql) {
        this.sql = sql;
    }

    @Override
    public void insert(Topic topic, UUID userId) {
        sql.update("INSERT INTO topics (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?)", topic.id(), topic.workspaceId(),
                topic.name(), topic.schema(), topic.version(), topic.createdAt(), topic.updatedAt());
        insertVersion(topic, userId);
    }

    @Override
    public void update(Topic topic, UUID userId) {
        sql.update("UPDATE topics SET name = ?, schema_json = ?, version = ?, updated_at = ? WHERE id = ?",
                topic.name(), topic.schema(), topic.version(), topic.updatedAt(), topic.id());
        insertVersion(topic, userId);
    }

    private void insertVersion(Topic topic, UUID userId) {
        sql.update("INSERT INTO topic_versions (topic_id, version, name, schema_json, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?)",
                topic.id(), topic.version(), topic.name(), topic.schema(), topic.updatedAt(), userId);
    }

    @Override
    public void delete(UUID id) {
        sql.update("DELETE FROM topics WHERE id = ?", id);
    }

    @Override
    public Optional<Topic> find(UUID id) {
        return sql.queryOne("SELECT " + COLUMNS + " FROM topics WHERE id = ?", JdbcTopics::topic, id);
    }

    @Override
    public Optional<Topic> findByName(UUID workspaceId, String name) {
        return sql.queryOne("SELECT " + COLUMNS + " FROM topics WHERE workspace_id = ? AND name = ?", JdbcTopics::topic,
                workspaceId, name);
    }

    @Override
    public Page.Result<Topic> list(UUID workspaceId, Page page) {
        long total = sql.count("SELECT COUNT(*) FROM topics WHERE workspace_id = ?", workspaceId);
        List<Topic> items = sql.query("SELECT " + COLUMNS + " FROM topics WHERE workspace_id = ? ORDER BY name, id LIMIT "
                + page.size() + " OFFSET " + page.offset(), JdbcTopics::topic, workspaceId);
        return new Page.Result<>(items, total, page);
    }

    @Override
    public List<Topic> versions(UUID id) {
        return sql.query("SELECT " + VERSION_COLUMNS + " FROM topic_versions v JOIN topics t ON t.id = v.topic_id "
                + "WHERE v.topic_id = ? ORDER BY v.version", JdbcTopics::topic, id);
    }

    /** A topic name holds no LIKE wildcard but {@code _}, which only widens the match. */
    @Override
    public List<UUID> flowsMentioning(UUID workspaceId, String topicName) {
        return sql.query("SELECT id FROM flows WHERE workspace_id = ? AND graph LIKE ? ORDER BY created_at, id",
                row -> Sql.uuid(row, "id"), workspaceId, "%\"" + topicName + "\"%");
    }

    /** Counters are added to in a fixed order (by topic, then flow), so two nodes flushing at once cannot deadlock. */
    @Override
    public void addPublished(Map<UUID, Long> byTopic) {
        new TreeMap<>(byTopic).forEach((topicId, count) -> {
            if (sql.update(ADD_PUBLISHED, count, topicId) == 0 && sql.update(
                    "INSERT INTO topic_published (topic_id, published) SELECT id, ? FROM topics WHERE id = ? ON CONFLICT DO NOTHING",
                    count, topicId) == 0) {
                sql.update(ADD_PUBLISHED, count, topicId);
            }
        });
    }

    @Override
    public void addDelivered(Map<Subscription, Long> bySubscription) {
        Map<Subscription, Long> ordered = new TreeMap<>(BY_TOPIC_THEN_FLOW);
        ordered.putAll(bySubscription);
        ordered.forEach((subscription, count) -> {
            UUID topicId = subscription.topicId();
            UUID flowId = subscription.flowId();
            if (sql.update(ADD_DELIVERED, count, topicId, flowId) == 0 && sql.update(
                    "INSERT INTO topic_delivered (topic_id, flow_id, delivered) SELECT id, ?, ? FROM topics WHERE id = ? "
                            + "ON CONFLICT DO NOTHING", flowId, count, topicId) == 0) {
                sql.update(ADD_DELIVERED, count, topicId, flowId);
            }
        });
    }

    @Override
    public Map<UUID, Long> noteClientMessages(Map<UUID, Set<UUID>> messageIdsByTopic, Instant seenAt) {
        Map<UUID, Long> firstSeen = new HashMap<>();
        new TreeMap<>(messageIdsByTopic).forEach((topicId, messageIds) -> {
            long inserted = messageIds.stream().sorted().filter(messageId -> sql.update(
                    "INSERT INTO topic_client_messages (topic_id, message_id, seen_at) SELECT id, ?, ? FROM topics WHERE id = ? "
                            + "ON CONFLICT DO NOTHING", messageId, seenAt, topicId) > 0).count();
            if (inserted > 0) {
                firstSeen.put(topicId, inserted);
            }
        });
        return firstSeen;
    }

    @Override
    public int forgetClientMessagesBefore(Instant before, int limit) {
        return sql.update("DELETE FROM topic_client_messages WHERE (topic_id, message_id) IN (SELECT topic_id, message_id "
                + "FROM topic_client_messages WHERE seen_at < ? LIMIT " + limit + ")", before);
    }

    @Override
    public Counts counts(UUID topicId) {
        long published = sql.count("SELECT published FROM topic_published WHERE topic_id = ?", topicId);
        Map<UUID, Long> delivered = new HashMap<>();
        sql.query("SELECT flow_id, delivered FROM topic_delivered WHERE topic_id = ?",
                row -> delivered.put(Sql.uuid(row, "flow_id"), row.getLong("delivered")), topicId);
        return new Counts(published, delivered);
    }

    private static Topic topic(ResultSet row) throws SQLException {
        return new Topic(Sql.uuid(row, "id"), Sql.uuid(row, "workspace_id"), row.getString("name"), Sql.json(row, "schema_json"),
                row.getInt("version"), Sql.instant(row, "created_at"), Sql.instant(row, "updated_at"));
    }
}
