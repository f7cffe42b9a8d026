package app.ret.adapters.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.ret.ports.out.StoreFailureException;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteDatabaseTest {
    @TempDir
    Path directory;

    private TemporaryDatabase<SqliteDatabase> database;

    @BeforeEach
    void open() {
        database = new TemporaryDatabase<>(() -> directory, opened -> opened);
    }

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void pragmasAreThoseTheDesignRequires() {
        assertThat(database.database().settings())
                .containsEntry("journal_mode", "wal")
                .containsEntry("synchronous", "2")
                .containsEntry("foreign_keys", "1")
                .containsEntry("busy_timeout", "5000")
                .containsEntry("integrity_check", "ok")
                .containsEntry("schema_version", Integer.toString(SchemaMigrations.ALL.get(SchemaMigrations.ALL.size() - 1).version()));
    }

    @Test
    void migrationsRunOnceAcrossRestarts() {
        SqliteDatabase reopened = database.reopened();
        int applied = reopened.read(sql -> {
            try (ResultSet rows = sql.prepare("SELECT COUNT(*) FROM schema_version").executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        });
        assertThat(applied).isEqualTo(SchemaMigrations.ALL.size());
    }

    @Test
    void aFailedWriteRollsBackEverything() {
        database.database().write(sql -> sql.prepare("CREATE TABLE t(v INTEGER PRIMARY KEY)").executeUpdate());
        assertThatThrownBy(() -> database.database().write(sql -> {
            sql.prepare("INSERT INTO t(v) VALUES (1)").executeUpdate();
            return sql.prepare("INSERT INTO t(v) VALUES (1)").executeUpdate();
        })).isInstanceOf(StoreFailureException.class);
        assertThat(count()).isZero();
    }

    @Test
    void concurrentReadThenWriteTransactionsNeverFailBusy() throws Exception {
        database.database().write(sql -> sql.prepare("CREATE TABLE counter(id INTEGER PRIMARY KEY, n INTEGER)").executeUpdate());
        database.database().write(sql -> sql.prepare("INSERT INTO counter VALUES (1, 0)").executeUpdate());
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> writers = new ArrayList<>();
            for (int thread = 0; thread < 8; thread++) {
                writers.add(pool.submit(() -> {
                    for (int i = 0; i < 100; i++) {
                        database.database().write(sql -> {
                            int n;
                            try (ResultSet rows = sql.prepare("SELECT n FROM counter WHERE id = 1").executeQuery()) {
                                rows.next();
                                n = rows.getInt(1);
                            }
                            var update = sql.prepare("UPDATE counter SET n = ? WHERE id = 1");
                            update.setInt(1, n + 1);
                            return update.executeUpdate();
                        });
                    }
                }));
            }
            for (Future<?> writer : writers) {
                writer.get();
            }
        } finally {
            pool.shutdownNow();
        }
        int total = database.database().read(sql -> {
            try (ResultSet rows = sql.prepare("SELECT n FROM counter WHERE id = 1").executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        });
        assertThat(total).isEqualTo(800);
    }

    @Test
    void aClosedDatabaseRefusesWork() {
        database.database().close();
        assertThatThrownBy(() -> database.database().read(sql -> 1)).isInstanceOf(StoreFailureException.class);
        assertThat(database.database().problem()).contains("database unavailable");
    }

    private int count() {
        return database.database().read(sql -> {
            try (ResultSet rows = sql.prepare("SELECT COUNT(*) FROM t").executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        });
    }
}
