package app.ret.adapters.sqlite;

import app.ret.ports.out.StoreFailureException;
import java.sql.ResultSet;
import java.time.Clock;

/** Brings a database up to the newest schema version, one migration per transaction. */
final class SchemaMigrator {
    private static final System.Logger LOG = System.getLogger(SchemaMigrator.class.getName());

    private final Clock clock;

    SchemaMigrator(Clock clock) {
        this.clock = clock;
    }

    void migrate(SqliteDatabase database) {
        database.write(sql -> {
            sql.execute("""
                    CREATE TABLE IF NOT EXISTS schema_version (
                        version INTEGER PRIMARY KEY,
                        description TEXT NOT NULL,
                        applied_at INTEGER NOT NULL)""");
            return null;
        });
        int current = database.write(sql -> {
            try (ResultSet rows = sql.prepare("SELECT COALESCE(MAX(version), 0) FROM schema_version").executeQuery()) {
                return rows.next() ? rows.getInt(1) : 0;
            }
        });
        int newest = SchemaMigrations.ALL.get(SchemaMigrations.ALL.size() - 1).version();
        if (current > newest) {
            throw new StoreFailureException("database schema version " + current
                    + " is newer than this build knows (" + newest + "); refusing to run an older RET on it", null);
        }
        for (Migration migration : SchemaMigrations.ALL) {
            if (migration.version() <= current) {
                continue;
            }
            database.write(sql -> {
                for (String statement : migration.statements()) {
                    sql.execute(statement);
                }
                var record = sql.prepare("INSERT INTO schema_version(version, description, applied_at) VALUES (?, ?, ?)");
                record.setInt(1, migration.version());
                record.setString(2, migration.description());
                record.setLong(3, clock.millis());
                record.executeUpdate();
                return null;
            });
            LOG.log(System.Logger.Level.INFO, "schema migrated to version {0}: {1}", migration.version(), migration.description());
        }
    }
}
