package io.flowgate.store.jdbc;

import com.fasterxml.jackson.databind.JsonNode;
import io.flowgate.core.Json;
import io.flowgate.core.port.Page;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Small helpers over JDBC for one connection: bind parameters by type, map rows, no ceremony. */
final class Sql {

    @FunctionalInterface
    interface RowMapper<T> {
        T map(ResultSet row) throws SQLException;
    }

    private final Connection connection;

    Sql(Connection connection) {
        this.connection = connection;
    }

    int update(String sql, Object... args) {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            bind(statement, args);
            return statement.executeUpdate();
        } catch (SQLException e) {
            throw JdbcErrors.translate(e);
        }
    }

    /** Runs one statement for each argument list, in one batch. */
    void batch(String sql, List<Object[]> argLists) {
        if (argLists.isEmpty()) {
            return;
        }
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (Object[] args : argLists) {
                bind(statement, args);
                statement.addBatch();
            }
            statement.executeBatch();
        } catch (SQLException e) {
            throw JdbcErrors.translate(e);
        }
    }

    /** Deletes the rows of {@code table} whose {@code column} is one of {@code keys}; returns how many. */
    int deleteByKeys(String table, String column, List<?> keys) {
        if (keys.isEmpty()) {
            return 0;
        }
        return update("DELETE FROM " + table + " WHERE " + column + " IN (" + String.join(", ", java.util.Collections.nCopies(keys.size(), "?"))
                + ")", keys.toArray());
    }

    <T> List<T> query(String sql, RowMapper<T> mapper, Object... args) {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            bind(statement, args);
            try (ResultSet rows = statement.executeQuery()) {
                List<T> result = new ArrayList<>();
                while (rows.next()) {
                    result.add(mapper.map(rows));
                }
                return result;
            }
        } catch (SQLException e) {
            throw JdbcErrors.translate(e);
        }
    }

    <T> Optional<T> queryOne(String sql, RowMapper<T> mapper, Object... args) {
        List<T> rows = query(sql, mapper, args);
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.getFirst());
    }

    long count(String sql, Object... args) {
        return queryOne(sql, row -> row.getLong(1), args).orElse(0L);
    }

    /**
     * One page of {@code SELECT columns FROM fromAndWhere ORDER BY orderBy} with the total count of all pages;
     * {@code args} are the parameters of {@code fromAndWhere}.
     */
    <T> Page.Result<T> page(String columns, String fromAndWhere, String orderBy, RowMapper<T> mapper, Page page,
                            Object... args) {
        long total = count("SELECT COUNT(*) FROM " + fromAndWhere, args);
        List<T> items = query("SELECT " + columns + " FROM " + fromAndWhere + " ORDER BY " + orderBy
                + " LIMIT " + page.size() + " OFFSET " + page.offset(), mapper, args);
        return new Page.Result<>(items, total, page);
    }

    private static void bind(PreparedStatement statement, Object[] args) throws SQLException {
        for (int i = 0; i < args.length; i++) {
            Object arg = args[i];
            int index = i + 1;
            switch (arg) {
                case null -> statement.setNull(index, Types.NULL);
                case Instant instant -> statement.setTimestamp(index, Timestamp.from(instant));
                case UUID uuid -> statement.setObject(index, uuid);
                case JsonNode json -> statement.setString(index, Json.text(json));
                case byte[] bytes -> statement.setBytes(index, bytes);
                case Enum<?> value -> statement.setString(index, value.name());
                default -> statement.setObject(index, arg);
            }
        }
    }

    static UUID uuid(ResultSet row, String column) throws SQLException {
        return row.getObject(column, UUID.class);
    }

    static Instant instant(ResultSet row, String column) throws SQLException {
        Timestamp timestamp = row.getTimestamp(column);
        return timestamp == null ? null : timestamp.toInstant();
    }

    static JsonNode json(ResultSet row, String column) throws SQLException {
        String text = row.getString(column);
        return text == null ? null : Json.parse(text);
    }
}
