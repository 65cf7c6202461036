package io.flowgate.app;

import io.flowgate.store.jdbc.JdbcStore;
import io.flowgate.testing.ExternalServices;
import java.time.Duration;
import org.junit.jupiter.api.Tag;

/** The delivery store contract on the machine's PostgreSQL, in a database of its own. */
@Tag("external")
class DeliveryStorePostgresIT extends DeliveryStoreContract {

    private ExternalServices services;

    @Override
    protected JdbcStore openStore() {
        services = ExternalServices.create("delivery_store");
        return JdbcStore.open(new JdbcStore.Settings(services.jdbcUrl(), services.dbUser(), "", 4, Duration.ofSeconds(5)));
    }

    @Override
    protected void closeStore() {
        services.close();
    }
}
