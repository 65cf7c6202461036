package io.flowgate.core.port;

import io.flowgate.core.workspace.Member;
import io.flowgate.core.workspace.Workspace;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

public interface WorkspaceRepository {

    void insert(Workspace workspace);

    void update(Workspace workspace);

    /** Deletes the workspace with its members. */
    void delete(UUID id);

    Optional<Workspace> find(UUID id);

    /** The workspaces {@code userId} is a member of, or all of them when {@code userId} is null; oldest first. */
    Page.Result<Workspace> list(UUID userId, Page page);

    /** Adds the member, or replaces the roles of a member (who keeps the time they joined). */
    void putMember(Member member);

    Optional<Member> member(UUID workspaceId, UUID userId);

    /** The members of the workspace, in the order they joined. */
    List<Member> members(UUID workspaceId);

    Page.Result<Member> members(UUID workspaceId, Page page);

    /** Locks the workspace row for the rest of the transaction (changes that must see every member). */
    void lock(UUID id);

    void deleteMember(UUID workspaceId, UUID userId);

    /** Ids of every workspace the user belongs to. */
    List<UUID> workspaceIdsOf(UUID userId);
}
