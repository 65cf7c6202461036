package io.flowgate.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowgate.core.FlowgateException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JdbcErrorsTest {

    @ParameterizedTest(name = "SQLState {0} is {1}")
    @CsvSource({
        "08006, UNAVAILABLE",   // the connection failed
        "08003, UNAVAILABLE",   // the connection is closed
        "57P01, UNAVAILABLE",   // terminated by an administrator (pg_terminate_backend)
        "57P03, UNAVAILABLE",   // the server is starting up
        "28000, UNAVAILABLE",   // the role may not log in (cut off)
        "53100, UNAVAILABLE",   // disk full
        "53300, UNAVAILABLE",   // too many connections
        "90098, UNAVAILABLE",   // H2: the database is closed
        "23505, CONFLICT",
        "42601, INTERNAL",      // a syntax error is a bug, not an outage
    })
    void whatTheDatabaseSaysBecomesAnErrorKind(String state, FlowgateException.Kind kind) {
        assertThat(JdbcErrors.translate(new SQLException("refused", state)).kind()).isEqualTo(kind);
    }

    @ParameterizedTest
    @CsvSource({"'Connection is not available, request timed out after 5000ms.'"})
    void noConnectionFromThePoolIsUnavailable(String message) {
        assertThat(JdbcErrors.translate(new SQLTransientConnectionException(message)).kind())
                .isEqualTo(FlowgateException.Kind.UNAVAILABLE);
    }
}
