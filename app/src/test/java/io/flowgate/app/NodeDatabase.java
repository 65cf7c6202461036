package io.flowgate.app;

import io.flowgate.app.testing.TestNode;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A test's direct line to a running node's database (the embedded H2 file, opened in the same JVM, or
 * PostgreSQL), for what the API of this branch does not offer: reading dead letters, adding a member.
 */
final class NodeDatabase {

    private interface Statement<T> {
        T run(PreparedStatement statement) throws SQLException;
    }

    private final TestNode node;

    NodeDatabase(TestNode node) {
        this.node = node;
    }

    /** The reasons of the workspace's dead letters. */
    List<String> deadLetterReasons(String workspaceId) {
        return run("SELECT reason FROM dead_letters WHERE workspace_id = ?", statement -> {
            statement.setObject(1, UUID.fromString(workspaceId));
            List<String> reasons = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    reasons.add(rows.getString(1));
                }
            }
            return reasons;
        });
    }

    /** The subscription's stored signing secret and previous secret, as they are in the table. */
    List<String> subscriptionSecrets(String subscriptionId) {
        return run("SELECT secret, previous_secret FROM subscriptions WHERE id = ?", statement -> {
            statement.setObject(1, UUID.fromString(subscriptionId));
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() ? Arrays.asList(rows.getString(1), rows.getString(2)) : List.<String>of();
            }
        });
    }

    void addMember(String workspaceId, String userId, String role) {
        run("INSERT INTO members (workspace_id, user_id, roles, created_at) VALUES (?, ?, ?, CURRENT_TIMESTAMP)", statement -> {
            statement.setObject(1, UUID.fromString(workspaceId));
            statement.setObject(2, UUID.fromString(userId));
            statement.setString(3, role);
            return statement.executeUpdate();
        });
    }

    private <T> T run(String sql, Statement<T> work) {
        Map<String, String> env = node.environment();
        boolean external = env.containsKey("FLOWGATE_DB_URL");
        String url = external ? env.get("FLOWGATE_DB_URL") : new DataDirectory(Path.of(env.get("FLOWGATE_DATA_DIR"))).databaseUrl();
        try (Connection connection = DriverManager.getConnection(url, external ? env.get("FLOWGATE_DB_USER") : "sa", "");
             PreparedStatement statement = connection.prepareStatement(sql)) {
            return work.run(statement);
        } catch (SQLException e) {
            throw new IllegalStateException("The database refused " + sql + ": " + e.getMessage(), e);
        }
    }
}
