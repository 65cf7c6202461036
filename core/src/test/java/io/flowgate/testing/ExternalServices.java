package io.flowgate.testing;

import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.StringJoiner;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * The machine's RabbitMQ and PostgreSQL for the tests tagged {@code external}: each test class gets its
 * own virtual host and database with a unique name, and removes them afterwards. Locations come from
 * {@code FLOWGATE_IT_AMQP} (default {@code amqp://guest:guest@127.0.0.1:5672}) and
 * {@code FLOWGATE_IT_PG} (default {@code jdbc:postgresql://127.0.0.1:5432}, user {@code postgres}).
 */
public final class ExternalServices implements AutoCloseable {

    private static final String AMQP_BASE = env("FLOWGATE_IT_AMQP", "amqp://guest:guest@127.0.0.1:5672");
    private static final String PG_BASE = env("FLOWGATE_IT_PG", "jdbc:postgresql://127.0.0.1:5432");
    private static final String PG_USER = env("FLOWGATE_IT_PG_USER", "postgres");

    private final String name;

    private ExternalServices(String name) {
        this.name = name;
    }

    /** Creates a fresh virtual host and database named after the test and a random suffix. */
    public static ExternalServices create(String prefix) {
        String name = ("fg_" + prefix + "_" + UUID.randomUUID().toString().substring(0, 8))
                .toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
        ExternalServices services = new ExternalServices(name);
        rabbitmqctl("add_vhost", name);
        rabbitmqctl("set_permissions", "-p", name, "guest", ".*", ".*", ".*");
        services.admin("CREATE DATABASE " + name);
        return services;
    }

    public String amqpUri() {
        return AMQP_BASE + "/" + name;
    }

    public String jdbcUrl() {
        return PG_BASE + "/" + name;
    }

    public String dbUser() {
        return PG_USER;
    }

    public String vhost() {
        return name;
    }

    /** Runs an administrative statement on the server's {@code postgres} database. */
    public void admin(String sql) {
        onPostgres(sql, statement -> statement.execute(sql));
    }

    /** Runs a query on the server's {@code postgres} database; each row comes back as its columns joined by " | ". */
    public List<String> query(String sql) {
        return onPostgres(sql, statement -> {
            try (ResultSet rows = statement.executeQuery(sql)) {
                List<String> found = new ArrayList<>();
                int columns = rows.getMetaData().getColumnCount();
                while (rows.next()) {
                    StringJoiner row = new StringJoiner(" | ");
                    for (int i = 1; i <= columns; i++) {
                        row.add(String.valueOf(rows.getObject(i)));
                    }
                    found.add(row.toString());
                }
                return found;
            }
        });
    }

    private interface StatementWork<T> {
        T run(Statement statement) throws SQLException;
    }

    private static <T> T onPostgres(String sql, StatementWork<T> work) {
        try (Connection connection = DriverManager.getConnection(PG_BASE + "/postgres", PG_USER, "");
             Statement statement = connection.createStatement()) {
            return work.run(statement);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL refused: " + sql + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            admin("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        } finally {
            rabbitmqctl("delete_vhost", name);
        }
    }

    public static void rabbitmqctl(String... args) {
        rabbitmqctlOutput(args);
    }

    /** Runs rabbitmqctl quietly and returns what it printed. */
    public static String rabbitmqctlOutput(String... args) {
        List<String> command = new ArrayList<>(List.of("rabbitmqctl", "-q"));
        command.addAll(List.of(args));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes());
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException("rabbitmqctl " + String.join(" ", args) + " failed: " + output);
            }
            return output;
        } catch (IOException e) {
            throw new IllegalStateException("rabbitmqctl is not available: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
