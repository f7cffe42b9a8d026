package app.ret.adapters.postgres;

import app.ret.ports.out.StoreFailureException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;

/**
 * Brings the database to the newest schema version, one step per transaction, while holding a
 * PostgreSQL advisory lock: instances starting together queue on the lock, and each one after the
 * first finds the schema already current. A schema newer than this build knows stops start-up.
 */
final class SchemaMigrator {
    private static final System.Logger LOG = System.getLogger(SchemaMigrator.class.getName());
    /** The advisory lock's key: "ret_sch" in ASCII, a number no other user of the database is likely to pick. */
    static final long LOCK_KEY = 0x7265745f736368L;

    private final Clock clock;

    SchemaMigrator(Clock clock) {
        this.clock = clock;
    }

    void migrate(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("SELECT pg_advisory_lock(" + LOCK_KEY + ")");
            try {
                statement.execute("""
                        CREATE TABLE IF NOT EXISTS schema_version (
                            version integer PRIMARY KEY,
                            description text NOT NULL,
                            applied_at timestamptz NOT NULL)""");
                applyPending(connection, currentVersion(statement));
            } finally {
                statement.execute("SELECT pg_advisory_unlock(" + LOCK_KEY + ")");
            }
        }
    }

    private static int currentVersion(Statement statement) throws SQLException {
        try (ResultSet rows = statement.executeQuery("SELECT COALESCE(MAX(version), 0) FROM schema_version")) {
            rows.next();
            return rows.getInt(1);
        }
    }

    private void applyPending(Connection connection, int current) throws SQLException {
        int newest = PostgresSchema.newestVersion();
        if (current > newest) {
            throw new StoreFailureException("database schema version " + current + " is newer than this build knows ("
                    + newest + "); refusing to run an older RET on it", null);
        }
        for (SchemaStep step : PostgresSchema.STEPS) {
            if (step.version() > current) {
                apply(connection, step);
            }
        }
    }

    private void apply(Connection connection, SchemaStep step) throws SQLException {
        connection.setAutoCommit(false);
        try (Statement statement = connection.createStatement();
             var record = connection.prepareStatement("INSERT INTO schema_version(version, description, applied_at) VALUES (?, ?, ?)")) {
            statement.execute(step.script());
            record.setInt(1, step.version());
            record.setString(2, step.description());
            Timestamps.set(record, 3, clock.instant());
            record.executeUpdate();
            connection.commit();
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(true);
        }
        LOG.log(System.Logger.Level.INFO, "PostgreSQL schema migrated to version {0}: {1}", step.version(), step.description());
    }
}
