package io.flowgate.core.port;

import io.flowgate.core.workspace.Member;
import io.flowgate.core.workspace.Workspace;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

public interface WorkspaceRepository {

    void insert(Workspace workspace);

    void update(Workspace workspace);

    void delete(UUID id);

    Optional<Workspace> find(UUID id);

    /** The workspaces {@code userId} is a member of, or all of them when {@code userId} is null. */
    Page.Result<Workspace> list(UUID userId, Page page);

    void putMember(Member member);

    Optional<Member> member(UUID workspaceId, UUID userId);

    List<Member> members(UUID workspaceId);

    Page.Result<Member> members(UUID workspaceId, Page page);

    /** Locks the workspace row for the rest of the transaction (changes that must see every member). */
    void lock(UUID id);

    void deleteMember(UUID workspaceId, UUID userId);

    /** Ids of every workspace the user belongs to. */
    List<UUID> workspaceIdsOf(UUID userId);
}
