package io.flowgate.core.port;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Messages that could not be processed, kept with the reason so they can be inspected and retried. */
public interface DeadLetters {

    record DeadLetter(UUID id, UUID workspaceId, String source, String reason, byte[] payload, Instant createdAt) {
    }

    void insert(DeadLetter deadLetter);

    /** The newest {@code limit} dead letters of the workspace, newest first; of every workspace when it is null. */
    List<DeadLetter> list(UUID workspaceId, int limit);

    /** A page of the workspace's dead letters, newest first. */
    Page.Result<DeadLetter> page(UUID workspaceId, Page page);

    Optional<DeadLetter> find(UUID id);

    void delete(UUID id);
}
