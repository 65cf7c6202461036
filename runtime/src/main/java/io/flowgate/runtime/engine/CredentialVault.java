package io.flowgate.runtime.engine;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;
import java.util.UUID;

/** Decrypted credential keys, for steps that authenticate with a workspace credential. */
@FunctionalInterface
public interface CredentialVault {

    Optional<ObjectNode> keys(UUID workspaceId, UUID credentialId);

    CredentialVault NONE = (workspaceId, credentialId) -> Optional.empty();
}
