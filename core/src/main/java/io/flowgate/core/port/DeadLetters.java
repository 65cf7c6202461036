package io.flowgate.core.port;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Messages that could not be processed, kept with the reason so they can be inspected and retried. */
public interface DeadLetters {

    /**
     * @param workspaceId null when it could not be told
     * @param flowId      the flow whose queue the message was read from, null when none
     * @param messageId   the AMQP {@code message_id} it arrived with, null when it had none
     */
    record DeadLetter(UUID id, UUID workspaceId, UUID flowId, String source, String messageId, String reason, byte[] payload,
                      Instant createdAt) {
    }

    void insert(DeadLetter deadLetter);

    /** The newest {@code limit} dead letters of the workspace, newest first; of every workspace when it is null. */
    List<DeadLetter> list(UUID workspaceId, int limit);

    /** A page of the workspace's dead letters, newest first. */
    Page.Result<DeadLetter> page(UUID workspaceId, Page page);

    Optional<DeadLetter> find(UUID id);

    void delete(UUID id);
}
