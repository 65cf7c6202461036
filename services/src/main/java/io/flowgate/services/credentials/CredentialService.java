package io.flowgate.services.credentials;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flowgate.core.FlowgateException;
import io.flowgate.core.IdGenerator;
import io.flowgate.core.credential.Credential;
import io.flowgate.core.credential.CredentialType;
import io.flowgate.core.event.WorkspaceActivityEvent.ActivityType;
import io.flowgate.core.event.WorkspaceActivityEvent.ResourceType;
import io.flowgate.core.port.Page;
import io.flowgate.core.port.Store;
import io.flowgate.core.port.StoreTx;
import io.flowgate.core.workspace.Action;
import io.flowgate.services.ActivityLog;
import io.flowgate.services.Names;
import io.flowgate.services.auth.Access;
import io.flowgate.services.auth.Caller;
import java.time.Clock;
import java.util.List;
import java.util.UUID;

/**
 * Credentials of a workspace. Their keys are write-only: sealed before they are stored, never answered,
 * logged or put in events (answers and events carry the key names only).
 */
public final class CredentialService {

    private final Store store;
    private final CredentialKeys keys;
    private final ActivityLog activity;
    private final IdGenerator ids;
    private final Clock clock;

    public CredentialService(Store store, CredentialKeys keys, ActivityLog activity, IdGenerator ids, Clock clock) {
        this.store = store;
        this.keys = keys;
        this.activity = activity;
        this.ids = ids;
        this.clock = clock;
    }

    public Credential create(Caller caller, UUID workspaceId, CredentialDraft draft) {
        store.read(tx -> Access.require(tx, caller, workspaceId, Action.WRITE_CREDENTIALS));
        String name = Names.require(draft.name(), "attributes.name");
        if (draft.type() == null) {
            throw FlowgateException.invalid("attributes.type is required: basic, apiKey, hmac, bearer or custom");
        }
        CredentialType type = CredentialType.fromWire(draft.type());
        ObjectNode checked = CredentialKeys.check(type, draft.keys());
        UUID id = ids.next();
        var now = clock.instant();
        Credential credential = new Credential(id, workspaceId, name, type, CredentialKeys.names(checked),
                keys.seal(id, checked), now, now);
        return store.transact(tx -> {
            Access.require(tx, caller, workspaceId, Action.WRITE_CREDENTIALS);
            tx.credentials().insert(credential);
            activity.record(tx, workspaceId, ResourceType.CREDENTIAL, ActivityType.CREATED, id, caller);
            return credential;
        });
    }

    public Page.Result<Credential> list(Caller caller, UUID workspaceId, Page page) {
        return store.read(tx -> {
            Access.require(tx, caller, workspaceId, Action.READ);
            return tx.credentials().list(workspaceId, page);
        });
    }

    public Credential get(Caller caller, UUID workspaceId, UUID id) {
        return store.read(tx -> {
            Access.require(tx, caller, workspaceId, Action.READ);
            return existing(tx, workspaceId, id);
        });
    }

    /** Changes what is sent; {@code keys}, when sent, replace the stored keys, and must suit the (new) type. */
    public Credential update(Caller caller, UUID workspaceId, UUID id, CredentialDraft draft) {
        String name = draft.name() == null ? null : Names.require(draft.name(), "attributes.name");
        return store.transact(tx -> {
            Access.require(tx, caller, workspaceId, Action.WRITE_CREDENTIALS);
            Credential current = existing(tx, workspaceId, id);
            CredentialType type = draft.type() == null ? current.type() : CredentialType.fromWire(draft.type());
            ObjectNode newKeys = CredentialKeys.check(type, draft.keys() == null ? keys.open(current) : draft.keys());
            Credential changed = current.changed(name == null ? current.name() : name, type, CredentialKeys.names(newKeys),
                    keys.seal(id, newKeys), clock.instant());
            tx.credentials().update(changed);
            activity.record(tx, workspaceId, ResourceType.CREDENTIAL, ActivityType.UPDATED, id, caller);
            return changed;
        });
    }

    /** Deletes the credential; CONFLICT while a flow of the workspace uses it. */
    public void delete(Caller caller, UUID workspaceId, UUID id) {
        store.transact(tx -> {
            Access.require(tx, caller, workspaceId, Action.WRITE_CREDENTIALS);
            existing(tx, workspaceId, id);
            List<String> users = tx.flows().namesReferencing(workspaceId, "credentials_id", id.toString());
            if (!users.isEmpty()) {
                throw FlowgateException.conflict("Credential " + id + " is used by flows " + String.join(", ", users)
                        + ": change them first");
            }
            tx.credentials().delete(id);
            activity.record(tx, workspaceId, ResourceType.CREDENTIAL, ActivityType.DELETED, id, caller);
            return null;
        });
    }

    /**
     * Makes sure this node's secret key is the one the stored credentials are sealed with: the first start
     * stores a sealed check value, later starts must open it. False when they cannot.
     */
    public boolean secretKeyMatches() {
        return store.transact(tx -> {
            var check = tx.credentials().keyCheck();
            if (check.isPresent()) {
                return keys.opens(check.get());
            }
            tx.credentials().putKeyCheckIfAbsent(keys.sealedCheck());
            return true;
        });
    }

    private static Credential existing(StoreTx tx, UUID workspaceId, UUID id) {
        return tx.credentials().find(workspaceId, id)
                .orElseThrow(() -> FlowgateException.notFound("Credential " + id + " does not exist"));
    }
}
