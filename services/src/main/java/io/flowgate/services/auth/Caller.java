package io.flowgate.services.auth;

import io.flowgate.core.workspace.User;
import java.util.UUID;

/** Who is making a request: an authenticated user. */
public record Caller(User user) {

    public UUID userId() {
        return user.id();
    }

    public boolean isAdmin() {
        return user.admin();
    }
}
