package io.flowgate.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowgate.core.port.Store;
import io.flowgate.testing.ExternalServices;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The store contract on PostgreSQL, and the table upkeep it needs where autovacuum is off: a database of
 * its own on the machine's server.
 */
@Tag("external")
class PostgresStoreIT extends StoreContract {

    private ExternalServices services;
    private JdbcStore store;

    @BeforeAll
    void open() {
        services = ExternalServices.create("store");
        store = JdbcStore.open(new JdbcStore.Settings(services.jdbcUrl(), services.dbUser(), "", POOL_SIZE,
                Duration.ofSeconds(10)));
    }

    @AfterAll
    void close() {
        if (store != null) {
            store.close();
        }
        if (services != null) {
            services.close();
        }
    }

    @Override
    public Store store() {
        return store;
    }

    @Test
    void tablesThatChangedALotAreAnalyzedWhenTheServerRunsNoAutovacuum() throws Exception {
        try (Connection connection = DriverManager.getConnection(services.jdbcUrl(), services.dbUser(), "")) {
            boolean autovacuumOff = single(connection, "SELECT current_setting('autovacuum') = 'off'").equals("t");
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO leases (name, holder, expires_at) VALUES (?, 'upkeep', now())")) {
                for (int i = 0; i < 1_500; i++) {
                    insert.setString(1, "upkeep-" + UUID.randomUUID());
                    insert.addBatch();
                }
                insert.executeBatch();
            }

            if (!autovacuumOff) {
                assertThat(store.keepTablesUp()).as("autovacuum does it").isZero();
                return;
            }
            // the server publishes its table counters a moment after the transaction
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (single(connection, "SELECT last_analyze IS NOT NULL FROM pg_stat_user_tables WHERE relname = 'leases'").equals("f")
                    && System.nanoTime() < deadline) {
                store.keepTablesUp();
                Thread.sleep(200);
            }
            assertThat(single(connection, "SELECT last_analyze IS NOT NULL FROM pg_stat_user_tables WHERE relname = 'leases'"))
                    .isEqualTo("t");
        }
    }

    private static String single(Connection connection, String sql) throws Exception {
        try (Statement statement = connection.createStatement(); ResultSet row = statement.executeQuery(sql)) {
            row.next();
            return row.getString(1);
        }
    }
}
