package io.flowgate.services.workspaces;

import com.fasterxml.jackson.databind.JsonNode;
import io.flowgate.core.FlowgateException;
import io.flowgate.core.event.WorkspaceActivityEvent.ActivityType;
import io.flowgate.core.event.WorkspaceActivityEvent.ResourceType;
import io.flowgate.core.port.Page;
import io.flowgate.core.port.Store;
import io.flowgate.core.port.StoreTx;
import io.flowgate.core.workspace.Action;
import io.flowgate.core.workspace.Member;
import io.flowgate.core.workspace.Role;
import io.flowgate.services.ActivityLog;
import io.flowgate.services.auth.Access;
import io.flowgate.services.auth.Caller;
import java.time.Clock;
import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;

/**
 * The members of a workspace and their roles. Owners and admins manage members; only owners give or
 * take the owner role. The last owner can be neither removed nor demoted.
 */
public final class MemberService {

    private final Store store;
    private final ActivityLog activity;
    private final Clock clock;

    public MemberService(Store store, ActivityLog activity, Clock clock) {
        this.store = store;
        this.activity = activity;
        this.clock = clock;
    }

    public Page.Result<Member> list(Caller caller, UUID workspaceId, Page page) {
        return store.read(tx -> {
            Access.require(tx, caller, workspaceId, Action.READ);
            return tx.workspaces().members(workspaceId, page);
        });
    }

    public Member add(Caller caller, UUID workspaceId, UUID userId, JsonNode roles) {
        Set<Role> checked = roles(roles);
        return store.transact(tx -> {
            Access.require(tx, caller, workspaceId, Action.MANAGE_MEMBERS);
            requireOwnerManagerIf(tx, caller, workspaceId, checked.contains(Role.OWNER));
            if (tx.users().find(userId).isEmpty()) {
                throw FlowgateException.notFound("User " + userId + " does not exist");
            }
            if (tx.workspaces().member(workspaceId, userId).isPresent()) {
                throw FlowgateException.conflict("User " + userId + " is a member already: change their roles with PATCH");
            }
            Member member = new Member(workspaceId, userId, checked, clock.instant());
            tx.workspaces().putMember(member);
            activity.record(tx, workspaceId, ResourceType.MEMBER, ActivityType.CREATED, userId, caller);
            return member;
        });
    }

    public Member changeRoles(Caller caller, UUID workspaceId, UUID userId, JsonNode roles) {
        Set<Role> checked = roles(roles);
        return store.transact(tx -> {
            Access.require(tx, caller, workspaceId, Action.MANAGE_MEMBERS);
            tx.workspaces().lock(workspaceId);
            Member current = existing(tx, workspaceId, userId);
            boolean ownerChanges = current.roles().contains(Role.OWNER) != checked.contains(Role.OWNER);
            requireOwnerManagerIf(tx, caller, workspaceId, ownerChanges);
            if (current.roles().contains(Role.OWNER) && !checked.contains(Role.OWNER)) {
                requireAnotherOwner(tx, workspaceId, userId, "demoted");
            }
            Member changed = new Member(workspaceId, userId, checked, current.createdAt());
            tx.workspaces().putMember(changed);
            activity.record(tx, workspaceId, ResourceType.MEMBER, ActivityType.UPDATED, userId, caller);
            return changed;
        });
    }

    public void remove(Caller caller, UUID workspaceId, UUID userId) {
        store.transact(tx -> {
            Access.require(tx, caller, workspaceId, Action.MANAGE_MEMBERS);
            tx.workspaces().lock(workspaceId);
            Member current = existing(tx, workspaceId, userId);
            boolean owner = current.roles().contains(Role.OWNER);
            requireOwnerManagerIf(tx, caller, workspaceId, owner);
            if (owner) {
                requireAnotherOwner(tx, workspaceId, userId, "removed");
            }
            tx.workspaces().deleteMember(workspaceId, userId);
            activity.record(tx, workspaceId, ResourceType.MEMBER, ActivityType.DELETED, userId, caller);
            return null;
        });
    }

    private static void requireOwnerManagerIf(StoreTx tx, Caller caller, UUID workspaceId, boolean touchesOwners) {
        if (touchesOwners) {
            Access.require(tx, caller, workspaceId, Action.MANAGE_OWNERS);
        }
    }

    private static void requireAnotherOwner(StoreTx tx, UUID workspaceId, UUID userId, String what) {
        boolean another = tx.workspaces().members(workspaceId).stream()
                .anyMatch(m -> !m.userId().equals(userId) && m.roles().contains(Role.OWNER));
        if (!another) {
            throw FlowgateException.conflict("The last owner of a workspace cannot be " + what + ": make another member owner first");
        }
    }

    private static Member existing(StoreTx tx, UUID workspaceId, UUID userId) {
        return tx.workspaces().member(workspaceId, userId)
                .orElseThrow(() -> FlowgateException.notFound("User " + userId + " is not a member of this workspace"));
    }

    /** {@code attributes.roles}: a non-empty array of role names. */
    private static Set<Role> roles(JsonNode roles) {
        if (roles == null || !roles.isArray() || roles.isEmpty()) {
            throw FlowgateException.invalid("attributes.roles must be a non-empty array of owner, admin, integrator, guest");
        }
        Set<Role> parsed = EnumSet.noneOf(Role.class);
        for (JsonNode role : roles) {
            if (!role.isTextual()) {
                throw FlowgateException.invalid("attributes.roles must hold role names, got " + role);
            }
            parsed.add(Role.fromWire(role.asText()));
        }
        return parsed;
    }
}
