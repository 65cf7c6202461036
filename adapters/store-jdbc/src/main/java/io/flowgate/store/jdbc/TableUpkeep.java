package io.flowgate.store.jdbc;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Does for Flowgate's tables what autovacuum would, on a PostgreSQL server where it is off. Without fresh
 * statistics PostgreSQL plans every query for the empty tables it saw when they were created: a claim of
 * due deliveries then read every pending row of every subscription and sorted them (47 ms with 47,000
 * pending, 3 ms once analyzed). A table is analyzed once a tenth of it (at least 1,000 rows) changed since
 * its last analysis, and vacuumed once as many of its rows are dead. Nothing is done where autovacuum runs.
 */
final class TableUpkeep {

    private static final Logger LOG = LoggerFactory.getLogger(TableUpkeep.class);
    private static final long MIN_ROWS = 1_000;
    private static final double SHARE = 0.1;

    private record TableState(String name, long live, long changed, long dead) {

        boolean needsAnalyze() {
            return changed >= threshold();
        }

        boolean needsVacuum() {
            return dead >= threshold();
        }

        private double threshold() {
            return Math.max(MIN_ROWS, SHARE * live);
        }
    }

    private final DataSource dataSource;
    private Boolean autovacuumOff;

    TableUpkeep(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Analyzes and vacuums the tables that need it; returns how many statements it ran. */
    int run() throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(true);
            if (!autovacuumOff(connection)) {
                return 0;
            }
            int ran = 0;
            try (Statement statement = connection.createStatement()) {
                for (TableState table : tables(connection)) {
                    if (table.needsVacuum()) {
                        statement.execute("VACUUM ANALYZE " + quoted(table.name()));
                        ran++;
                    } else if (table.needsAnalyze()) {
                        statement.execute("ANALYZE " + quoted(table.name()));
                        ran++;
                    }
                }
            }
            return ran;
        }
    }

    private boolean autovacuumOff(Connection connection) throws SQLException {
        if (autovacuumOff == null) {
            try (Statement statement = connection.createStatement();
                 ResultSet row = statement.executeQuery("SELECT current_setting('autovacuum') = 'off'")) {
                row.next();
                autovacuumOff = row.getBoolean(1);
            }
            if (autovacuumOff) {
                LOG.info("Autovacuum is off on this PostgreSQL server: Flowgate analyzes and vacuums its own tables");
            }
        }
        return autovacuumOff;
    }

    private static List<TableState> tables(Connection connection) throws SQLException {
        List<TableState> tables = new ArrayList<>();
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT relname, n_live_tup, n_mod_since_analyze, n_dead_tup "
                     + "FROM pg_stat_user_tables WHERE schemaname = current_schema()")) {
            while (rows.next()) {
                tables.add(new TableState(rows.getString(1), rows.getLong(2), rows.getLong(3), rows.getLong(4)));
            }
        }
        return tables;
    }

    private static String quoted(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }
}
