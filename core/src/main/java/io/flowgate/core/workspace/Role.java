package io.flowgate.core.workspace;

import io.flowgate.core.FlowgateException;
import java.util.Locale;

/** What a member may do in a workspace; see {@link Permissions}. */
public enum Role {
    OWNER, ADMIN, INTEGRATOR, GUEST;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Role fromWire(String value) {
        for (Role role : values()) {
            if (role.wire().equals(value)) {
                return role;
            }
        }
        throw FlowgateException.invalid("Unknown role '" + value + "': expected owner, admin, integrator or guest");
    }
}
