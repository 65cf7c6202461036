package io.flowgate.store.jdbc;

import io.flowgate.core.FlowgateException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

/** Turns JDBC failures into the platform's error kinds: an unreachable database is UNAVAILABLE. */
final class JdbcErrors {

    private JdbcErrors() {
    }

    static FlowgateException translate(SQLException e) {
        if (isConnectionProblem(e)) {
            return FlowgateException.unavailable("The database is unavailable: " + e.getMessage(), e);
        }
        if (isUniqueViolation(e)) {
            return FlowgateException.conflict("Already exists: " + e.getMessage());
        }
        return FlowgateException.internal("Database error: " + e.getMessage(), e);
    }

    static boolean isConnectionProblem(SQLException e) {
        String state = e.getSQLState();
        return e instanceof SQLTransientConnectionException
                || (state != null && (state.startsWith("08") || state.equals("57P01") || state.equals("57P03")))
                || (state != null && state.equals("90098"))
                || (e.getCause() instanceof SQLException cause && isConnectionProblem(cause));
    }

    static boolean isRetryable(SQLException e) {
        String state = e.getSQLState();
        return state != null && (state.equals("40001") || state.equals("40P01") || state.equals("HYT00"));
    }

    private static boolean isUniqueViolation(SQLException e) {
        return "23505".equals(e.getSQLState());
    }
}
