package io.flowgate.app;

import io.flowgate.services.auth.ApiKeys;
import io.flowgate.store.jdbc.JdbcStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;

/**
 * The node's data directory: embedded broker and database files, and the generated admin API key
 * (readable by the owner only).
 */
final class DataDirectory {

    private final Path root;

    DataDirectory(Path root) {
        this.root = root;
        try {
            Files.createDirectories(root);
        } catch (IOException e) {
            throw new ConfigException("FLOWGATE_DATA_DIR cannot be created: " + root + " (" + e.getMessage() + ")");
        }
        if (!Files.isWritable(root)) {
            throw new ConfigException("FLOWGATE_DATA_DIR is not writable: " + root);
        }
    }

    Path broker() {
        return root.resolve("broker");
    }

    /** The JDBC URL of the embedded H2 database, in PostgreSQL mode. */
    String databaseUrl() {
        return JdbcStore.embeddedUrl(root.resolve("db").resolve("flowgate"));
    }

    /** The admin key kept from an earlier start, or a new one that is now kept; {@code created} says which. */
    record AdminKey(String key, boolean created) {
    }

    AdminKey adminKey() {
        Path file = root.resolve("admin-api-key");
        Optional<String> kept = read(file);
        if (kept.isPresent()) {
            return new AdminKey(kept.get(), false);
        }
        String key = ApiKeys.generate();
        write(file, key);
        return new AdminKey(key, true);
    }

    /**
     * The secret key that seals credentials: kept in {@code secret.key} (base64, owner-only), made on
     * first start.
     */
    String secretKey(java.util.function.Supplier<String> generate) {
        Path file = root.resolve("secret.key");
        Optional<String> kept = read(file);
        if (kept.isPresent()) {
            return kept.get();
        }
        String key = generate.get();
        write(file, key);
        return key;
    }

    private static Optional<String> read(Path file) {
        try {
            return Files.exists(file) ? Optional.of(Files.readString(file).trim()).filter(s -> !s.isEmpty()) : Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
    }

    /** Writes a new file that only its owner may read (created so, never readable by others in between). */
    private static void write(Path file, String value) {
        try {
            try {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException notPosix) {
                Files.createFile(file);
            }
            Files.writeString(file, value + "\n", StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file, e);
        }
    }
}
