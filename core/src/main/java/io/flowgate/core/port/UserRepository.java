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

    /** Fails with {@code CONFLICT} when another user has the email. */
    void insert(User user);

    Optional<User> find(UUID id);

    /** The user with this email, compared without regard to case. */
    Optional<User> findByEmail(String email);

    /** Every user, oldest first. */
    List<User> list();

    long count();

    void insertKey(ApiKey key);

    /** The user owning the non-revoked key with this hash. */
    Optional<User> findByKeyHash(String keyHash);

    /** The user's keys, revoked ones included, oldest first. */
    List<ApiKey> keys(UUID userId);

    /** Revokes the user's key; false when the user has no such key or it was revoked already. */
    boolean revokeKey(UUID userId, UUID keyId, Instant at);
}
