package io.flowgate.core.port;

import io.flowgate.core.component.ComponentRegistration;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The custom components workspaces registered. */
public interface ComponentRepository {

    void insert(ComponentRegistration registration);

    void delete(UUID id);

    /** The registration {@code id} if it belongs to {@code workspaceId}. */
    Optional<ComponentRegistration> find(UUID workspaceId, UUID id);

    List<ComponentRegistration> list(UUID workspaceId);

    /** The registrations of these workspaces, oldest first; null means every workspace. */
    List<ComponentRegistration> listIn(Collection<UUID> workspaceIds);
}
