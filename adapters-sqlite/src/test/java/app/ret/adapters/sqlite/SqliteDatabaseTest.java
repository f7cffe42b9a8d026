package app.ret.adapters.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.ret.ports.out.StoreFailureException;
import app.ret.ports.testing.ReopenableStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class SqliteDatabaseTest {
    @TempDir
    Path directory;

    @RegisterExtension
    final ReopenableStore<SqliteDatabase, SqliteDatabase> database = TemporaryDatabase.in(() -> directory, opened -> opened);

    @Test
    void pragmasAreThoseTheDesignRequires() {
        assertThat(database.database().settings())
                .containsEntry("journal_mode", "wal")
                .containsEntry("synchronous", "FULL")
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

    /** P8: the ending's last writes, made by several stores, share one transaction and so one flush. */
    @Test
    void aWriteMadeInsideAnotherJoinsItsTransactionAndIsCommittedWithIt() {
        SqliteDatabase database = this.database.database();
        database.write(sql -> sql.prepare("CREATE TABLE t(v INTEGER PRIMARY KEY)").executeUpdate());

        int seenInside = database.write(sql -> {
            database.write(inner -> inner.prepare("INSERT INTO t(v) VALUES (1)").executeUpdate());
            database.write(inner -> inner.prepare("INSERT INTO t(v) VALUES (2)").executeUpdate());
            return count();
        });

        assertThat(seenInside).as("readers see nothing before the outer write commits").isZero();
        assertThat(count()).isEqualTo(2);
    }

    @Test
    void aJoinedWriteThatFailsRollsBackTheWholeTransactionEvenWhenTheOuterWorkGoesOn() {
        SqliteDatabase database = this.database.database();
        database.write(sql -> sql.prepare("CREATE TABLE t(v INTEGER PRIMARY KEY)").executeUpdate());

        assertThatThrownBy(() -> database.write(sql -> {
            database.write(inner -> inner.prepare("INSERT INTO t(v) VALUES (1)").executeUpdate());
            try {
                database.write(inner -> inner.prepare("INSERT INTO t(v) VALUES (1)").executeUpdate());
            } catch (StoreFailureException expected) {
                // the caller carries on, as an ending's cleanup loop does
            }
            return database.write(inner -> inner.prepare("INSERT INTO t(v) VALUES (3)").executeUpdate());
        })).isInstanceOf(StoreFailureException.class).hasMessageContaining("joined");
        assertThat(count()).isZero();
        database.write(sql -> sql.prepare("INSERT INTO t(v) VALUES (4)").executeUpdate());
        assertThat(count()).as("the next transaction starts clean").isOne();
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
    void aWriteOutwaitsAnotherConnectionHoldingTheFileLockPastTheBusyTimeout() throws Exception {
        SqliteDatabase database = this.database.database();
        database.write(sql -> sql.prepare("CREATE TABLE t(v INTEGER PRIMARY KEY)").executeUpdate());
        CountDownLatch locked = new CountDownLatch(1);
        ExecutorService otherProcess = Executors.newSingleThreadExecutor();
        try {
            Future<?> holder = otherProcess.submit(() -> {
                try (Connection other = DriverManager.getConnection("jdbc:sqlite:" + database.file().toAbsolutePath());
                     Statement statement = other.createStatement()) {
                    statement.execute("BEGIN IMMEDIATE");
                    statement.execute("INSERT INTO t(v) VALUES (1)");
                    locked.countDown();
                    Thread.sleep(SqliteDatabase.BUSY_TIMEOUT_MS + 1500);
                    statement.execute("COMMIT");
                }
                return null;
            });
            assertThat(locked.await(10, TimeUnit.SECONDS)).isTrue();
            long started = System.nanoTime();

            database.write(sql -> sql.prepare("INSERT INTO t(v) VALUES (2)").executeUpdate());

            assertThat((System.nanoTime() - started) / 1_000_000).as("waited past busy_timeout").isGreaterThan(SqliteDatabase.BUSY_TIMEOUT_MS);
            holder.get();
        } finally {
            otherProcess.shutdownNow();
        }
        assertThat(count()).isEqualTo(2);
    }

    @Test
    void aClosedDatabaseRefusesWork() {
        database.database().close();
        assertThatThrownBy(() -> database.database().read(sql -> 1)).isInstanceOf(StoreFailureException.class);
        assertThat(database.database().problem()).contains("database unavailable");
    }

    @Test
    void anOnlineBackupIsAConsistentCopyTakenWhileWritesGoOn() throws Exception {
        SqliteDatabase live = database.database();
        live.write(sql -> sql.prepare("CREATE TABLE t(v INTEGER PRIMARY KEY)").executeUpdate());
        for (int i = 0; i < 500; i++) {
            int value = i;
            live.write(sql -> {
                var insert = sql.prepare("INSERT INTO t(v) VALUES (?)");
                insert.setInt(1, value);
                return insert.executeUpdate();
            });
        }
        ExecutorService writer = Executors.newSingleThreadExecutor();
        try {
            Future<Integer> laterWrites = writer.submit(() -> {
                int written = 0;
                for (int i = 1000; i < 1300; i++) {
                    int value = i;
                    live.write(sql -> {
                        var insert = sql.prepare("INSERT INTO t(v) VALUES (?)");
                        insert.setInt(1, value);
                        return insert.executeUpdate();
                    });
                    written++;
                }
                return written;
            });
            SqliteDatabase.Backup backup = live.backupTo(directory.resolve("backups/copy.db"));
            assertThat(laterWrites.get()).isEqualTo(300);

            assertThat(backup.integrity()).isEqualTo("ok");
            assertThat(backup.bytes()).isPositive();
            try (SqliteDatabase copy = SqliteDatabase.open(backup.file(), Clock.systemUTC())) {
                int rows = copy.read(sql -> {
                    try (ResultSet result = sql.prepare("SELECT COUNT(*), MIN(v) FROM t").executeQuery()) {
                        result.next();
                        assertThat(result.getInt(2)).isZero();
                        return result.getInt(1);
                    }
                });
                assertThat(rows).as("all rows committed before the backup, maybe some of those committed during it")
                        .isBetween(500, 800);
            }
        } finally {
            writer.shutdownNow();
        }
        assertThat(count()).isEqualTo(800);
    }

    @Test
    void aBackupNeverOverwritesAnExistingFile() throws Exception {
        Path existing = Files.writeString(directory.resolve("existing.db"), "keep me");
        assertThatThrownBy(() -> database.database().backupTo(existing)).isInstanceOf(IllegalArgumentException.class);
        assertThat(Files.readString(existing)).isEqualTo("keep me");
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
