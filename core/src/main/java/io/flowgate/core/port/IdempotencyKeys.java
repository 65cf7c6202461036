package io.flowgate.core.port;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** Remembers the ids answered for an {@code Idempotency-Key} of a flow. */
public interface IdempotencyKeys {

    record Entry(UUID flowId, String key, UUID requestId, UUID executionId, Instant createdAt) {
    }

    /**
     * Stores the entry unless the key is known for the flow since {@code notBefore}, and then returns the earlier
     * entry unchanged. An entry created before {@code notBefore} has expired and is replaced.
     */
    Optional<Entry> putIfAbsent(Entry entry, Instant notBefore);

    void remove(UUID flowId, String key);

    /** Deletes at most {@code limit} entries created before {@code before}; returns how many. */
    int deleteBefore(Instant before, int limit);
}
