package io.flowgate.store.jdbc;

import io.flowgate.core.port.Page;
import io.flowgate.core.port.WorkspaceRepository;
import io.flowgate.core.workspace.Member;
import io.flowgate.core.workspace.Role;
import io.flowgate.core.workspace.Workspace;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

final class JdbcWorkspaces implements WorkspaceRepository {

    private final Sql sql;

    JdbcWorkspaces(Sql sql) {
        this.sql = sql;
    }

    @Override
    public void insert(Workspace workspace) {
        sql.update("INSERT INTO workspaces (id, name, created_at, updated_at) VALUES (?, ?, ?, ?)",
                workspace.id(), workspace.name(), workspace.createdAt(), workspace.updatedAt());
    }

    @Override
    public void update(Workspace workspace) {
        sql.update("UPDATE workspaces SET name = ?, updated_at = ? WHERE id = ?",
                workspace.name(), workspace.updatedAt(), workspace.id());
    }

    @Override
    public void delete(UUID id) {
        sql.update("DELETE FROM workspaces WHERE id = ?", id);
    }

    @Override
    public Optional<Workspace> find(UUID id) {
        return sql.queryOne("SELECT id, name, created_at, updated_at FROM workspaces WHERE id = ?", JdbcWorkspaces::workspace, id);
    }

    @Override
    public Page.Result<Workspace> list(UUID userId, Page page) {
        String scope = userId == null ? "" : " WHERE w.id IN (SELECT workspace_id FROM members WHERE user_id = ?)";
        Object[] args = userId == null ? new Object[0] : new Object[] {userId};
        long total = sql.count("SELECT COUNT(*) FROM workspaces w" + scope, args);
        List<Workspace> items = sql.query("SELECT w.id, w.name, w.created_at, w.updated_at FROM workspaces w" + scope
                + " ORDER BY w.created_at, w.id LIMIT " + page.size() + " OFFSET " + page.offset(), JdbcWorkspaces::workspace, args);
        return new Page.Result<>(items, total, page);
    }

    @Override
    public void putMember(Member member) {
        String roles = member.roles().stream().map(Role::wire).sorted().collect(Collectors.joining(","));
        if (sql.update("UPDATE members SET roles = ? WHERE workspace_id = ? AND user_id = ?",
                roles, member.workspaceId(), member.userId()) == 0) {
            sql.update("INSERT INTO members (workspace_id, user_id, roles, created_at) VALUES (?, ?, ?, ?)",
                    member.workspaceId(), member.userId(), roles, member.createdAt());
        }
    }

    @Override
    public Optional<Member> member(UUID workspaceId, UUID userId) {
        return sql.queryOne("SELECT workspace_id, user_id, roles, created_at FROM members WHERE workspace_id = ? AND user_id = ?",
                JdbcWorkspaces::member, workspaceId, userId);
    }

    @Override
    public List<Member> members(UUID workspaceId) {
        return sql.query("SELECT workspace_id, user_id, roles, created_at FROM members WHERE workspace_id = ? ORDER BY created_at",
                JdbcWorkspaces::member, workspaceId);
    }

    @Override
    public Page.Result<Member> members(UUID workspaceId, Page page) {
        return sql.page("workspace_id, user_id, roles, created_at", "members WHERE workspace_id = ?", "created_at, user_id",
                JdbcWorkspaces::member, page, workspaceId);
    }

    @Override
    public void lock(UUID id) {
        sql.query("SELECT id FROM workspaces WHERE id = ? FOR UPDATE", row -> row.getObject(1), id);
    }

    @Override
    public void deleteMember(UUID workspaceId, UUID userId) {
        sql.update("DELETE FROM members WHERE workspace_id = ? AND user_id = ?", workspaceId, userId);
    }

    @Override
    public List<UUID> workspaceIdsOf(UUID userId) {
        return sql.query("SELECT workspace_id FROM members WHERE user_id = ?", row -> Sql.uuid(row, "workspace_id"), userId);
    }

    private static Workspace workspace(ResultSet row) throws SQLException {
        return new Workspace(Sql.uuid(row, "id"), row.getString("name"), Sql.instant(row, "created_at"), Sql.instant(row, "updated_at"));
    }

    private static Member member(ResultSet row) throws SQLException {
        Set<Role> roles = Arrays.stream(row.getString("roles").split(",")).filter(s -> !s.isBlank())
                .map(Role::fromWire).collect(Collectors.toSet());
        return new Member(Sql.uuid(row, "workspace_id"), Sql.uuid(row, "user_id"), roles, Sql.instant(row, "created_at"));
    }
}
