package app.ret.adapters.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.ret.ports.out.InsufficientStorageException;
import app.ret.ports.testing.DamagedPages;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the database reports to readiness: a full disk, a damaged page, and files only their owner reads. */
class SqliteDatabaseHealthTest {
    private static final int ROWS = 400;

    @TempDir
    Path directory;

    @Test
    void theDatabaseFilesAndTheFolderMadeForThemAreTheOwnersOnly() throws IOException {
        Path file = directory.resolve("made-here").resolve("ret_session.db");
        try (SqliteDatabase database = SqliteDatabase.open(file, Clock.systemUTC())) {
            fill(database);
            for (String suffix : new String[] {"", "-wal", "-shm"}) {
                Path companion = file.resolveSibling("ret_session.db" + suffix);
                assertThat(Files.exists(companion)).as(companion + " exists while the database is open").isTrue();
                assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(companion))).as(companion.toString())
                        .isEqualTo("rw-------");
            }
        }
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent()))).isEqualTo("rwx------");
    }

    @Test
    void aDatabaseFileReadableByOthersIsTightenedWhenOpened() throws IOException {
        Path file = directory.resolve("ret_session.db");
        SqliteDatabase.open(file, Clock.systemUTC()).close();
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

        SqliteDatabase.open(file, Clock.systemUTC()).close();

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    }

    /** {@code max_page_count} makes SQLite answer {@code SQLITE_FULL} exactly as a full disk does. */
    @Test
    void aFullDatabaseFailsTheWriteAsInsufficientStorageAndReadinessSaysSoUntilAWriteSucceeds() {
        try (SqliteDatabase database = SqliteDatabase.open(directory.resolve("ret_session.db"), Clock.systemUTC())) {
            database.write(sql -> sql.prepare("CREATE TABLE filler(v BLOB)").executeUpdate());
            String pages = database.write(sql -> sql.queryString("PRAGMA page_count"));
            database.write(sql -> {
                sql.execute("PRAGMA max_page_count = " + pages);
                return null;
            });

            assertThatThrownBy(() -> database.write(sql -> sql.prepare("INSERT INTO filler VALUES (zeroblob(1000000))").executeUpdate()))
                    .isInstanceOf(InsufficientStorageException.class);
            assertThat(database.problem()).contains("last write failed: disk full");
            assertThat(database.<String>read(sql -> sql.queryString("SELECT COUNT(*) FROM filler"))).as("nothing partial").isEqualTo("0");

            database.write(sql -> {
                sql.execute("PRAGMA max_page_count = 1073741823");
                return null;
            });
            database.write(sql -> sql.prepare("INSERT INTO filler VALUES (zeroblob(1000000))").executeUpdate());
            assertThat(database.problem()).isEmpty();
        }
    }

    @Test
    void aDamagedPageInACopiedDatabaseIsReportedAfterThePeriodicCheckNotBefore() throws IOException {
        Path original = directory.resolve("ret_session.db");
        try (SqliteDatabase database = SqliteDatabase.open(original, Clock.systemUTC())) {
            fill(database);
        }
        Path copy = Files.createDirectory(directory.resolve("copy")).resolve("ret_session.db");
        Files.copy(original, copy);
        DamagedPages.overwriteLastPage(copy);

        try (SqliteDatabase damaged = SqliteDatabase.open(copy, Clock.systemUTC())) {
            assertThat(damaged.problem()).as("SELECT 1 does not see the damage").isEmpty();

            damaged.runPeriodicCheck();

            assertThat(damaged.problem()).contains("integrity check failed: the database is damaged");
        }
        try (SqliteDatabase healthy = SqliteDatabase.open(original, Clock.systemUTC())) {
            healthy.runPeriodicCheck();
            assertThat(healthy.problem()).isEmpty();
        }
    }

    private static void fill(SqliteDatabase database) {
        database.write(sql -> sql.prepare("CREATE TABLE filler(id INTEGER PRIMARY KEY, v TEXT)").executeUpdate());
        database.write(sql -> {
            var insert = sql.prepare("INSERT INTO filler(v) VALUES (?)");
            for (int i = 0; i < ROWS; i++) {
                insert.setString(1, "row " + i + " " + "x".repeat(200));
                insert.executeUpdate();
            }
            return null;
        });
    }
}
