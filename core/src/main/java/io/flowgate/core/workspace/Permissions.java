package io.flowgate.core.workspace;

import java.util.Collection;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/** The one table of which role may do which action. Every permission check of the platform asks it. */
public final class Permissions {

    private static final Map<Role, Set<Action>> TABLE = new EnumMap<>(Role.class);

    static {
        Set<Action> integrator = EnumSet.of(Action.READ, Action.WRITE_FLOWS, Action.RUN_FLOWS,
                Action.WRITE_CREDENTIALS, Action.WRITE_TOPICS, Action.PUBLISH_TOPICS, Action.WRITE_RECIPES,
                Action.WRITE_SUBSCRIPTIONS, Action.WRITE_COMPONENTS, Action.RETRY_EXECUTIONS, Action.RETRY_DEAD_LETTERS);
        Set<Action> admin = EnumSet.copyOf(integrator);
        admin.add(Action.MANAGE_MEMBERS);
        admin.add(Action.MANAGE_WORKSPACE);
        Set<Action> owner = EnumSet.copyOf(admin);
        owner.add(Action.DELETE_WORKSPACE);
        owner.add(Action.MANAGE_OWNERS);
        TABLE.put(Role.OWNER, owner);
        TABLE.put(Role.ADMIN, admin);
        TABLE.put(Role.INTEGRATOR, integrator);
        TABLE.put(Role.GUEST, EnumSet.of(Action.READ));
    }

    private Permissions() {
    }

    public static boolean allows(Collection<Role> roles, Action action) {
        return roles.stream().anyMatch(role -> TABLE.get(role).contains(action));
    }
}
