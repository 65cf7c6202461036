package io.flowgate.services.credentials;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flowgate.core.port.Store;
import io.flowgate.runtime.engine.CredentialVault;
import java.util.Optional;
import java.util.UUID;

/**
 * The credentials of workspaces, opened for the steps and webhook triggers that use them: the keys, and
 * {@code type} (the credential's type). A credential of another workspace is not found.
 */
public final class WorkspaceCredentialVault implements CredentialVault {

    private final Store store;
    private final CredentialKeys keys;

    public WorkspaceCredentialVault(Store store, CredentialKeys keys) {
        this.store = store;
        this.keys = keys;
    }

    @Override
    public Optional<ObjectNode> keys(UUID workspaceId, UUID credentialId) {
        return store.read(tx -> tx.credentials().find(workspaceId, credentialId)).map(credential -> {
            ObjectNode opened = keys.open(credential);
            opened.put("type", credential.type().wire());
            return opened;
        });
    }
}
