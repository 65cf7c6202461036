package io.flowgate.store.jdbc;

import io.flowgate.core.port.UserRepository;
import io.flowgate.core.workspace.User;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

final class JdbcUsers implements UserRepository {

    private static final String COLUMNS = "u.id, u.email, u.name, u.is_admin, u.created_at";

    private final Sql sql;

    JdbcUsers(Sql sql) {
        this.sql = sql;
    }

    @Override
    public void insert(User user) {
        sql.update("INSERT INTO users (id, email, name, is_admin, created_at) VALUES (?, ?, ?, ?, ?)",
                user.id(), user.email(), user.name(), user.admin(), user.createdAt());
    }

    @Override
    public Optional<User> find(UUID id) {
        return sql.queryOne("SELECT " + COLUMNS + " FROM users u WHERE u.id = ?", JdbcUsers::user, id);
    }

    @Override
    public Optional<User> findByEmail(String email) {
        return sql.queryOne("SELECT " + COLUMNS + " FROM users u WHERE LOWER(u.email) = LOWER(?)", JdbcUsers::user, email);
    }

    @Override
    public List<User> list() {
        return sql.query("SELECT " + COLUMNS + " FROM users u ORDER BY u.created_at", JdbcUsers::user);
    }

    @Override
    public long count() {
        return sql.count("SELECT COUNT(*) FROM users");
    }

    @Override
    public void insertKey(ApiKey key) {
        sql.update("INSERT INTO api_keys (id, user_id, key_hash, prefix, created_at, revoked_at) VALUES (?, ?, ?, ?, ?, ?)",
                key.id(), key.userId(), key.keyHash(), key.prefix(), key.createdAt(), key.revokedAt());
    }

    @Override
    public Optional<User> findByKeyHash(String keyHash) {
        return sql.queryOne("SELECT " + COLUMNS + " FROM users u JOIN api_keys k ON k.user_id = u.id "
                + "WHERE k.key_hash = ? AND k.revoked_at IS NULL", JdbcUsers::user, keyHash);
    }

    @Override
    public List<ApiKey> keys(UUID userId) {
        return sql.query("SELECT id, user_id, key_hash, prefix, created_at, revoked_at FROM api_keys WHERE user_id = ? "
                + "ORDER BY created_at", row -> new ApiKey(Sql.uuid(row, "id"), Sql.uuid(row, "user_id"),
                row.getString("key_hash"), row.getString("prefix"), Sql.instant(row, "created_at"),
                Sql.instant(row, "revoked_at")), userId);
    }

    @Override
    public boolean revokeKey(UUID userId, UUID keyId, Instant at) {
        return sql.update("UPDATE api_keys SET revoked_at = ? WHERE id = ? AND user_id = ? AND revoked_at IS NULL",
                at, keyId, userId) == 1;
    }

    private static User user(ResultSet row) throws SQLException {
        return new User(Sql.uuid(row, "id"), row.getString("email"), row.getString("name"), row.getBoolean("is_admin"),
                Sql.instant(row, "created_at"));
    }
}
