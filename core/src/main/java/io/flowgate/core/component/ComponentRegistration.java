package io.flowgate.core.component;

import java.time.Instant;
import java.util.UUID;

/**
 * A custom component a workspace registered: the jar (a path relative to the server's component path)
 * whose component functions of {@code componentId} the workspace's flows may use.
 */
public record ComponentRegistration(UUID id, UUID workspaceId, String componentId, String jar, String description,
                                    Instant createdAt) {
}
