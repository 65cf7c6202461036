package io.flowgate.store.jdbc;

import io.flowgate.core.port.Store;
import io.flowgate.testing.ExternalServices;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;

/** The store contract on PostgreSQL: a database of its own on the machine's server. */
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
}
