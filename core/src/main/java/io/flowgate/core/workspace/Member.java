package io.flowgate.core.workspace;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/** A user's membership in a workspace with its roles. */
public record Member(UUID workspaceId, UUID userId, Set<Role> roles, Instant createdAt) {

    public Member {
        roles = Set.copyOf(roles);
    }

    public boolean may(Action action) {
        return Permissions.allows(roles, action);
    }
}
