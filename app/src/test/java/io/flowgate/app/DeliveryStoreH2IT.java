package io.flowgate.app;

import io.flowgate.store.jdbc.JdbcStore;
import io.flowgate.testing.TempDirs;
import java.nio.file.Path;
import java.time.Duration;

/** The delivery store contract on the embedded H2 database (PostgreSQL mode), as a node opens it. */
class DeliveryStoreH2IT extends DeliveryStoreContract {

    private Path dir;

    @Override
    protected JdbcStore openStore() {
        dir = TempDirs.create("delivery-store");
        return JdbcStore.open(new JdbcStore.Settings(new DataDirectory(dir).databaseUrl(), "sa", "", 4, Duration.ofSeconds(5)));
    }

    @Override
    protected void closeStore() {
        TempDirs.delete(dir);
    }
}
