package io.flowgate.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowgate.core.port.Store;
import io.flowgate.core.workspace.User;
import io.flowgate.testing.TempDirs;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The store contract on the embedded database: an H2 file in a temporary directory, as the app opens it. */
class H2StoreIT extends StoreContract {

    private Path dir;
    private JdbcStore store;

    @BeforeAll
    void open() {
        dir = TempDirs.create("h2-store");
        store = openFile();
    }

    @Test
    void committedChangesSurviveReopeningTheDatabaseFile() {
        User user = StoreFixtures.user();
        run(tx -> tx.users().insert(user));
        long lastCursor = read(tx -> tx.events().lastCursor());

        JdbcStore closed = store;
        closed.close();
        assertThat(closed.isHealthy()).isFalse();
        store = openFile();

        Optional<User> found = read(tx -> tx.users().find(user.id()));
        assertThat(found).contains(user);
        assertThat(store.isHealthy()).isTrue();
        long lastCursorAfter = read(tx -> tx.events().lastCursor());
        assertThat(lastCursorAfter).isEqualTo(lastCursor);
    }

    /** Opens the H2 file as the app does; the migrations run each time and find nothing left to do. */
    private JdbcStore openFile() {
        return JdbcStore.open(new JdbcStore.Settings(JdbcStore.embeddedUrl(dir.resolve("flowgate")), "sa", "", POOL_SIZE,
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
