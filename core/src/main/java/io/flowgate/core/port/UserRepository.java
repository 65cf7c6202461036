package io.flowgate.core.port;

import io.flowgate.core.workspace.User;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

public interface UserRepository {

    /** A stored API key: only its hash is kept. */
    record ApiKey(UUID id, UUID userId, String keyHash, String prefix, Instant createdAt, Instant revokedAt) {
    }

    void insert(User user);

    Optional<User> find(UUID id);

    Optional<User> findByEmail(String email);

    List<User> list();

    long count();

    void insertKey(ApiKey key);

    /** The user owning the non-revoked key with this hash. */
    Optional<User> findByKeyHash(String keyHash);

    List<ApiKey> keys(UUID userId);

    boolean revokeKey(UUID userId, UUID keyId, Instant at);
}
