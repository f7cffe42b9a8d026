package app.ret.adapters.sqlite;

import java.nio.file.Path;
import java.time.Clock;

/** A real database file in a test's temp dir that can be closed and opened again like a restart. */
final class TemporaryDatabase implements AutoCloseable {
    private final Path file;
    private SqliteDatabase current;

    TemporaryDatabase(Path directory) {
        this.file = directory.resolve("ret_session.db");
        this.current = SqliteDatabase.open(file, Clock.systemUTC());
    }

    SqliteDatabase current() {
        return current;
    }

    SqliteDatabase reopen() {
        current.close();
        current = SqliteDatabase.open(file, Clock.systemUTC());
        return current;
    }

    @Override
    public void close() {
        current.close();
    }
}
