package io.flowgate.core.workspace;

import io.flowgate.core.WireWord;
import io.flowgate.core.FlowgateException;

/** What a member may do in a workspace; see {@link Permissions}. */
public enum Role implements WireWord {
    OWNER, ADMIN, INTEGRATOR, GUEST;

    public static Role fromWire(String value) {
        return WireWord.parse(Role.class, value)
                .orElseThrow(() -> FlowgateException.invalid("Unknown role '" + value + "': expected owner, admin, integrator or guest"));
    }
}
