package io.flowgate.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowgate.core.FlowgateException;
import io.flowgate.core.port.DeadLetters;
import io.flowgate.runtime.engine.GroupCommit;
import io.flowgate.store.jdbc.JdbcStore;
import io.flowgate.testing.TempDirs;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Group commit on the embedded database: many callers' work in shared transactions, failures kept apart. */
class GroupCommitIT {

    private final Path dir = TempDirs.create("group-commit");
    private final JdbcStore store = JdbcStore.open(new JdbcStore.Settings(JdbcStore.embeddedUrl(dir.resolve("db")), "sa", "",
            4, Duration.ofSeconds(5)));
    private final GroupCommit<UUID> commits = new GroupCommit<>(store, "test", 1);

    @AfterEach
    void close() {
        commits.close();
        store.close();
        TempDirs.delete(dir);
    }

    @Test
    void everyCallersWorkIsCommittedAndOneBadPieceFailsOnlyItsCaller() {
        UUID taken = UUID.randomUUID();
        insert(taken).join();
        List<UUID> ids = new ArrayList<>();
        List<CompletableFuture<UUID>> results = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            UUID id = UUID.randomUUID();
            ids.add(id);
            results.add(insert(id));
        }
        CompletableFuture<UUID> duplicate = insert(taken);

        assertThat(results.stream().map(CompletableFuture::join).toList()).containsExactlyElementsOf(ids);
        assertThat(duplicate).failsWithin(Duration.ofSeconds(30)).withThrowableThat()
                .havingCause().isInstanceOf(FlowgateException.class);
        for (UUID id : ids) {
            Optional<DeadLetters.DeadLetter> stored = store.read(tx -> tx.deadLetters().find(id));
            assertThat(stored).isPresent();
        }
    }

    @Test
    void workOfferedWhileTheWriterIsClosingFailsAsUnavailableAndIsNotWritten() {
        commits.close();

        UUID id = UUID.randomUUID();
        assertThat(insert(id)).failsWithin(Duration.ofSeconds(5)).withThrowableThat()
                .havingCause().isInstanceOfSatisfying(FlowgateException.class,
                        e -> assertThat(e.kind()).isEqualTo(FlowgateException.Kind.UNAVAILABLE));
        Optional<DeadLetters.DeadLetter> stored = store.read(tx -> tx.deadLetters().find(id));
        assertThat(stored).isEmpty();
    }

    @Test
    void whenTheDatabaseIsGoneEveryCallerIsToldItIsUnavailable() {
        store.close();

        List<CompletableFuture<UUID>> results = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            results.add(insert(UUID.randomUUID()));
        }

        results.forEach(result -> assertThat(result).failsWithin(Duration.ofSeconds(30)).withThrowableThat()
                .havingCause().isInstanceOfSatisfying(FlowgateException.class,
                        e -> assertThat(e.kind()).isEqualTo(FlowgateException.Kind.UNAVAILABLE)));
    }

    private CompletableFuture<UUID> insert(UUID id) {
        return commits.submit(tx -> {
            tx.deadLetters().insert(new DeadLetters.DeadLetter(id, null, null, "test", null, "reason", new byte[] {1}, Instant.now()));
            return id;
        });
    }
}
