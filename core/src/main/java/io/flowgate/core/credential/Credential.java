package io.flowgate.core.credential;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A secret of a workspace that steps and webhook triggers use. Its keys are kept sealed (encrypted);
 * only their names are in the clear.
 */
public record Credential(UUID id, UUID workspaceId, String name, CredentialType type, List<String> keyNames,
                         byte[] sealedKeys, Instant createdAt, Instant updatedAt) {

    public Credential {
        keyNames = List.copyOf(keyNames);
    }

    public Credential changed(String newName, CredentialType newType, List<String> newKeyNames, byte[] newSealedKeys,
                              Instant now) {
        return new Credential(id, workspaceId, newName, newType, newKeyNames, newSealedKeys, createdAt, now);
    }
}
