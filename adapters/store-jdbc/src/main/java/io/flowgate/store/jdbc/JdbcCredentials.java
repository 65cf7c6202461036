package io.flowgate.store.jdbc;

import com.fasterxml.jackson.databind.JsonNode;
import io.flowgate.core.Json;
import io.flowgate.core.credential.Credential;
import io.flowgate.core.credential.CredentialType;
import io.flowgate.core.port.CredentialRepository;
import io.flowgate.core.port.Page;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

final class JdbcCredentials implements CredentialRepository {

    private static final String COLUMNS = "id, workspace_id, name, type, key_names, sealed_keys, created_at, updated_at";
    private static final int KEY_CHECK_ROW = 1;

    private final Sql sql;

    JdbcCredentials(Sql sql) {
        this.sql = sql;
    }

    @Override
    public void insert(Credential c) {
        sql.update("INSERT INTO credentials (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?)", c.id(), c.workspaceId(), c.name(),
                c.type().wire(), keyNames(c.keyNames()), c.sealedKeys(), c.createdAt(), c.updatedAt());
    }

    @Override
    public void update(Credential c) {
        sql.update("UPDATE credentials SET name = ?, type = ?, key_names = ?, sealed_keys = ?, updated_at = ? WHERE id = ?",
                c.name(), c.type().wire(), keyNames(c.keyNames()), c.sealedKeys(), c.updatedAt(), c.id());
    }

    @Override
    public void delete(UUID id) {
        sql.update("DELETE FROM credentials WHERE id = ?", id);
    }

    @Override
    public Optional<Credential> find(UUID workspaceId, UUID id) {
        return sql.queryOne("SELECT " + COLUMNS + " FROM credentials WHERE id = ? AND workspace_id = ?",
                JdbcCredentials::credential, id, workspaceId);
    }

    @Override
    public Page.Result<Credential> list(UUID workspaceId, Page page) {
        return sql.page(COLUMNS, "credentials WHERE workspace_id = ?", "created_at, id", JdbcCredentials::credential, page,
                workspaceId);
    }

    @Override
    public Optional<byte[]> keyCheck() {
        return sql.queryOne("SELECT sealed FROM secret_key_check WHERE id = ?", row -> row.getBytes(1), KEY_CHECK_ROW);
    }

    @Override
    public boolean putKeyCheckIfAbsent(byte[] sealed) {
        if (keyCheck().isPresent()) {
            return false;
        }
        sql.update("INSERT INTO secret_key_check (id, sealed) VALUES (?, ?)", KEY_CHECK_ROW, sealed);
        return true;
    }

    private static JsonNode keyNames(List<String> names) {
        var array = Json.array();
        names.forEach(array::add);
        return array;
    }

    private static Credential credential(ResultSet row) throws SQLException {
        List<String> names = new ArrayList<>();
        Sql.json(row, "key_names").forEach(name -> names.add(name.asText()));
        return new Credential(Sql.uuid(row, "id"), Sql.uuid(row, "workspace_id"), row.getString("name"),
                CredentialType.fromWire(row.getString("type")), names, row.getBytes("sealed_keys"),
                Sql.instant(row, "created_at"), Sql.instant(row, "updated_at"));
    }
}
