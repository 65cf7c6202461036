package io.flowgate.store.jdbc;

import com.fasterxml.jackson.databind.JsonNode;
import io.flowgate.core.Json;
import io.flowgate.core.crypto.SecretCipher;
import io.flowgate.core.event.ChannelAddress;
import io.flowgate.core.port.Page;
import io.flowgate.core.port.SubscriptionRepository;
import io.flowgate.core.subscription.SigningSecrets;
import io.flowgate.core.subscription.Subscription;
import io.flowgate.core.subscription.SubscriptionStatus;
import io.flowgate.core.subscription.WebhookSecret;
import java.net.URI;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

final class JdbcSubscriptions implements SubscriptionRepository {

    private static final String COLUMNS = "id, workspace_id, url, channels, is_ordered, status, secret, previous_secret, "
            + "previous_secret_until, failing_since, disabled_at, created_at, updated_at";

    private final Sql sql;
    private final SecretCipher secrets;

    JdbcSubscriptions(Sql sql, SecretCipher secrets) {
        this.sql = sql;
        this.secrets = secrets;
    }

    @Override
    public void insert(Subscription s) {
        sql.update("INSERT INTO subscriptions (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                s.id(), s.workspaceId(), s.url().toString(), channels(s.channels()), s.ordered(), s.status(),
                seal(s.secrets().current(), s.id()), seal(s.secrets().previous(), s.id()), s.secrets().previousUntil(),
                s.failingSince(), s.disabledAt(), s.createdAt(), s.updatedAt());
    }

    @Override
    public void update(Subscription s) {
        sql.update("UPDATE subscriptions SET url = ?, channels = ?, is_ordered = ?, status = ?, secret = ?, previous_secret = ?, "
                        + "previous_secret_until = ?, failing_since = ?, disabled_at = ?, updated_at = ? WHERE id = ?",
                s.url().toString(), channels(s.channels()), s.ordered(), s.status(), seal(s.secrets().current(), s.id()),
                seal(s.secrets().previous(), s.id()), s.secrets().previousUntil(), s.failingSince(), s.disabledAt(), s.updatedAt(),
                s.id());
    }

    @Override
    public void delete(UUID id) {
        sql.update("DELETE FROM subscriptions WHERE id = ?", id);
    }

    @Override
    public Optional<Subscription> find(UUID id) {
        return sql.queryOne("SELECT " + COLUMNS + " FROM subscriptions WHERE id = ?", this::subscription, id);
    }

    @Override
    public Page.Result<Subscription> list(UUID workspaceId, Page page) {
        long total = sql.count("SELECT COUNT(*) FROM subscriptions WHERE workspace_id = ?", workspaceId);
        List<Subscription> items = sql.query("SELECT " + COLUMNS + " FROM subscriptions WHERE workspace_id = ? "
                + "ORDER BY created_at, id LIMIT " + page.size() + " OFFSET " + page.offset(), this::subscription, workspaceId);
        return new Page.Result<>(items, total, page);
    }

    @Override
    public List<Subscription> active(Collection<UUID> workspaceIds) {
        if (workspaceIds.isEmpty()) {
            return List.of();
        }
        List<Object> args = new ArrayList<>(List.of(SubscriptionStatus.ACTIVE));
        args.addAll(workspaceIds);
        return sql.query("SELECT " + COLUMNS + " FROM subscriptions WHERE status = ? AND workspace_id IN ("
                + JdbcExecutions.placeholders(workspaceIds.size()) + ") ORDER BY created_at, id", this::subscription, args.toArray());
    }

    @Override
    public Set<UUID> workspacesWithActive() {
        return new HashSet<>(sql.query("SELECT DISTINCT workspace_id FROM subscriptions WHERE status = ?",
                row -> Sql.uuid(row, "workspace_id"), SubscriptionStatus.ACTIVE));
    }

    @Override
    public void markFailing(UUID id, Instant at) {
        sql.update("UPDATE subscriptions SET failing_since = ? WHERE id = ? AND failing_since IS NULL", at, id);
    }

    @Override
    public void markHealthy(UUID id) {
        sql.update("UPDATE subscriptions SET failing_since = NULL WHERE id = ? AND failing_since IS NOT NULL", id);
    }

    @Override
    public boolean disableIfFailingSince(UUID id, Instant failingBefore, Instant at) {
        return sql.update("UPDATE subscriptions SET status = ?, disabled_at = ?, updated_at = ? WHERE id = ? AND status = ? "
                + "AND failing_since <= ?", SubscriptionStatus.DISABLED, at, at, id, SubscriptionStatus.ACTIVE, failingBefore) == 1;
    }

    private static String channels(List<ChannelAddress> channels) {
        return Json.text(channels.stream().map(ChannelAddress::value).toList());
    }

    /** Signing secrets are sealed at rest, bound to their subscription. */
    private String seal(WebhookSecret secret, UUID subscriptionId) {
        return secret == null ? null : secrets.sealText(secret.value(), sealedFor(subscriptionId));
    }

    /** A secret stored before secrets were sealed is read as it is, and sealed when the subscription next changes. */
    private WebhookSecret open(String stored, UUID subscriptionId) {
        if (stored == null) {
            return null;
        }
        return new WebhookSecret(SecretCipher.isSealedText(stored) ? secrets.openText(stored, sealedFor(subscriptionId)) : stored);
    }

    /** What binds a sealed secret to its subscription: copied to another row, it does not open. */
    private static String sealedFor(UUID subscriptionId) {
        return "subscription:" + subscriptionId;
    }

    private Subscription subscription(ResultSet row) throws SQLException {
        List<ChannelAddress> channels = new ArrayList<>();
        for (JsonNode channel : Sql.json(row, "channels")) {
            channels.add(new ChannelAddress(channel.asText()));
        }
        UUID id = Sql.uuid(row, "id");
        SigningSecrets signing = new SigningSecrets(open(row.getString("secret"), id), open(row.getString("previous_secret"), id),
                Sql.instant(row, "previous_secret_until"));
        return new Subscription(id, Sql.uuid(row, "workspace_id"), URI.create(row.getString("url")), channels,
                row.getBoolean("is_ordered"), SubscriptionStatus.valueOf(row.getString("status")), signing,
                Sql.instant(row, "failing_since"), Sql.instant(row, "disabled_at"), Sql.instant(row, "created_at"),
                Sql.instant(row, "updated_at"));
    }
}
