package io.flowgate.store.jdbc;

import io.flowgate.core.port.Store;
import io.flowgate.testing.TempDirs;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The store contract on the embedded database: an H2 file in a temporary directory, as the app opens it. */
class H2StoreIT extends StoreContract {

    private Path dir;
    private JdbcStore store;

    @BeforeAll
    void open() {
        dir = TempDirs.create("h2-store");
        store = JdbcStore.open(new JdbcStore.Settings(JdbcStore.embeddedUrl(dir.resolve("flowgate")), "sa", "", POOL_SIZE,
                Duration.ofSeconds(10)));
    }

    @AfterAll
    void close() {
        if (store != null) {
            store.close();
        }
        TempDirs.delete(dir);
    }

    @Override
    public Store store() {
        return store;
    }
}
