package io.flowgate.core.workspace;

import java.time.Instant;
import java.util.UUID;

/** A person or program using the platform. Platform admins may create users and see every workspace. */
public record User(UUID id, String email, String name, boolean admin, Instant createdAt) {
}
