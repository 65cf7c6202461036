package io.flowgate.core.port;

import io.flowgate.core.credential.Credential;
import java.util.Optional;
import java.util.UUID;

public interface CredentialRepository {

    void insert(Credential credential);

    void update(Credential credential);

    void delete(UUID id);

    /** The credential {@code id} if it belongs to {@code workspaceId}. */
    Optional<Credential> find(UUID workspaceId, UUID id);

    Page.Result<Credential> list(UUID workspaceId, Page page);

    /** The sealed check value of the secret key, once one was stored. */
    Optional<byte[]> keyCheck();

    /** Stores the check value unless one is there; false when another was stored first. */
    boolean putKeyCheckIfAbsent(byte[] sealed);
}
