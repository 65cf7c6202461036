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

    /**
     * Connection exceptions (08), the server shutting down or refusing sessions (57P01-57P03), insufficient
     * resources (53: disk full, out of memory, too many connections), a login refused (28000, 28P01: e.g. a
     * role cut off), and H2's closed database (90098): all pass, so the work waits and is tried again.
     */
    static boolean isConnectionProblem(SQLException e) {
        String state = e.getSQLState();
        return e instanceof SQLTransientConnectionException
                || (state != null && (state.startsWith("08") || state.startsWith("57P") || state.startsWith("28")
                        || state.startsWith("53") || state.equals("90098")))
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
