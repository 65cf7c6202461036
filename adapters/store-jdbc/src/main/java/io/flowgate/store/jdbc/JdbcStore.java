package io.flowgate.store.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.flowgate.core.FlowgateException;
import io.flowgate.core.crypto.SecretCipher;
import io.flowgate.core.port.Store;
import io.flowgate.core.port.StoreTx;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The {@link Store} on a JDBC database: embedded H2 by default, PostgreSQL for several nodes. */
public final class JdbcStore implements Store, AutoCloseable {

    /** Where the database is, and {@code secrets}, the key that seals secrets stored in it (webhook signing secrets). */
    public record Settings(String url, String user, String password, int poolSize, Duration connectTimeout, SecretCipher secrets) {

        /** Settings with a key of their own, for a store whose sealed values no other store needs to open (tests, tools). */
        public Settings(String url, String user, String password, int poolSize, Duration connectTimeout) {
            this(url, user, password, poolSize, connectTimeout, SecretCipher.fromBase64(SecretCipher.newKeyBase64()));
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(JdbcStore.class);
    private static final int ATTEMPTS_ON_CONFLICT = 5;

    private final HikariDataSource dataSource;
    /** PostgreSQL only. */
    private final TableUpkeep upkeep;
    private final boolean embedded;
    private final SecretCipher secrets;
    private final List<Runnable> eventsCommitted = new CopyOnWriteArrayList<>();

    private JdbcStore(HikariDataSource dataSource, SecretCipher secrets, boolean embedded, TableUpkeep upkeep) {
        this.dataSource = dataSource;
        this.embedded = embedded;
        this.upkeep = upkeep;
        this.secrets = secrets;
    }

    /**
     * The JDBC URL of the embedded database kept in {@code file} (H2 adds {@code .mv.db}): H2 in PostgreSQL
     * mode, so that the one schema and the same SQL serve it and PostgreSQL. {@code WRITE_DELAY=0} makes every
     * commit that changed something end in H2's blocking {@code MVStore.commit()} (checked against 2.5.252): the
     * changes are in the file before {@code commit()} returns, so a commit the broker is acked after survives a
     * killed process.
     */
    public static String embeddedUrl(Path file) {
        return "jdbc:h2:file:" + file.toAbsolutePath() + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE"
                + ";DEFAULT_NULL_ORDERING=HIGH;LOCK_TIMEOUT=10000;WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE;QUERY_CACHE_SIZE=128";
    }

    /** Connects, brings the schema up to date with the migrations, and returns the store. */
    public static JdbcStore open(Settings settings) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(settings.url());
        config.setUsername(settings.user());
        config.setPassword(settings.password());
        config.setMaximumPoolSize(settings.poolSize());
        config.setConnectionTimeout(Math.max(250, settings.connectTimeout().toMillis()));
        config.setInitializationFailTimeout(settings.connectTimeout().toMillis());
        config.setPoolName("flowgate-db");
        config.setAutoCommit(true);
        config.setTransactionIsolation("TRANSACTION_READ_COMMITTED");
        HikariDataSource dataSource;
        try {
            dataSource = new HikariDataSource(config);
        } catch (RuntimeException e) {
            throw FlowgateException.unavailable("Cannot connect to the database at " + settings.url() + ": " + rootMessage(e), e);
        }
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
        boolean embedded = settings.url().startsWith("jdbc:h2:");
        if (embedded) {
            cacheIdentities(dataSource);
        }
        LOG.info("Database ready at {}", settings.url());
        return new JdbcStore(dataSource, settings.secrets(), embedded,
                settings.url().startsWith("jdbc:postgresql:") ? new TableUpkeep(dataSource) : null);
    }

    /**
     * H2 writes an identity's sequence to disk, in a commit of its own, each time its cache of values runs
     * out (every 32 by default): for the event log that was one extra commit per 16 executions. H2 keeps
     * one cache for all sessions, so values stay in insertion order; PostgreSQL caches per connection,
     * which would break the order the event sequencer relies on, so this is for H2 only.
     */
    private static void cacheIdentities(HikariDataSource dataSource) {
        try (Connection connection = dataSource.getConnection(); var statement = connection.createStatement()) {
            statement.execute("ALTER TABLE events ALTER COLUMN seq SET CACHE 4096");
            statement.execute("ALTER TABLE deliveries ALTER COLUMN seq SET CACHE 4096");
        } catch (SQLException e) {
            throw FlowgateException.unavailable("Cannot tune the embedded database: " + e.getMessage(), e);
        }
    }

    @Override
    public <T> T transact(Function<StoreTx, T> work) {
        for (int attempt = 1; ; attempt++) {
            try {
                return inTransaction(work, false);
            } catch (FlowgateException e) {
                if (attempt >= ATTEMPTS_ON_CONFLICT || !(e.getCause() instanceof SQLException sql && JdbcErrors.isRetryable(sql))) {
                    throw e;
                }
                LOG.debug("Transaction conflict, trying again ({}): {}", attempt, e.getMessage());
            }
        }
    }

    @Override
    public <T> T read(Function<StoreTx, T> work) {
        return inTransaction(work, true);
    }

    /**
     * True when events get their cursor as they commit (the embedded database: one node), so the
     * sequencer finds nothing to do and readers may follow the log as soon as a commit appended events.
     */
    public boolean numbersEventsAtCommit() {
        return embedded;
    }

    @Override
    public void whenEventsCommitted(Runnable listener) {
        eventsCommitted.add(listener);
    }

    /**
     * Forces to disk what the embedded database has written; nothing to do on PostgreSQL, which forces its
     * log at every commit. H2 commits into the operating system's cache without forcing it (a crash of the
     * process loses nothing, a power cut the last moments). Left alone, the kernel writes that cache back
     * in bursts of hundreds of megabytes every 30 s, and the broker's forced writes, which publisher
     * confirms wait for, queue behind each burst: webhooks and executions stalled 200-500 ms. Forcing it
     * every fraction of a second keeps each write-back small, and bounds what a power cut can take.
     */
    public void syncToDisk() {
        if (!embedded) {
            return;
        }
        try (Connection connection = dataSource.getConnection(); var statement = connection.createStatement()) {
            statement.execute("CHECKPOINT SYNC");
        } catch (SQLException e) {
            throw JdbcErrors.translate(e);
        }
    }

    /**
     * Analyzes and vacuums the tables whose statistics went stale, where the database does not do it itself
     * (PostgreSQL with autovacuum off); returns how many tables it worked on. Meant for one node at a time.
     */
    public int keepTablesUp() {
        if (upkeep == null) {
            return 0;
        }
        try {
            return upkeep.run();
        } catch (SQLException e) {
            throw JdbcErrors.translate(e);
        }
    }

    @Override
    public boolean isHealthy() {
        try (Connection connection = dataSource.getConnection()) {
            return connection.isValid(2);
        } catch (SQLException e) {
            return false;
        }
    }

    /**
     * Runs {@code work} in a transaction. Whatever fails because the connection was lost (the database
     * restarted, cut us off, or the pool is closing) is UNAVAILABLE, whatever the driver called it: the
     * caller may try again later, and must never take it for a verdict on its data.
     */
    private <T> T inTransaction(Function<StoreTx, T> work, boolean readOnly) {
        Connection connection = connect();
        try (connection) {
            connection.setAutoCommit(false);
            JdbcTx tx = new JdbcTx(connection, secrets, embedded);
            T result;
            try {
                result = work.apply(tx);
                tx.beforeCommit();
                connection.commit();
            } catch (RuntimeException e) {
                rollbackQuietly(connection);
                throw isLost(connection) ? lost(e) : e;
            } catch (Error e) {
                rollbackQuietly(connection);
                throw e;
            }
            if (tx.appendedEvents()) {
                eventsCommitted.forEach(Runnable::run);
            }
            return result;
        } catch (SQLException e) {
            throw isLost(connection) ? lost(e) : JdbcErrors.translate(e);
        }
    }

    private Connection connect() {
        try {
            return dataSource.getConnection();
        } catch (SQLException e) {
            throw FlowgateException.unavailable("No database connection: " + e.getMessage(), e);
        }
    }

    private static boolean isLost(Connection connection) {
        try {
            return connection.isClosed() || !connection.isValid(1);
        } catch (SQLException e) {
            return true;
        }
    }

    private static FlowgateException lost(Throwable e) {
        if (e instanceof FlowgateException fe && fe.kind() == FlowgateException.Kind.UNAVAILABLE) {
            return fe;
        }
        return FlowgateException.unavailable("The database connection was lost: " + e.getMessage(), e);
    }

    private static void rollbackQuietly(Connection connection) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            LOG.debug("Rollback failed", e);
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getMessage();
    }

    @Override
    public void close() {
        dataSource.close();
    }
}
