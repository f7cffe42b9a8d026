package app.ret.adapters.sqlite;

import java.nio.file.Path;
import java.time.Clock;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A store over a real database file in a test's temp dir, opened on first use (a contract's own
 * set-up may need the store before the subclass's would run) and reopenable like a restart.
 */
final class TemporaryDatabase<S> implements AutoCloseable {
    private final Supplier<Path> directory;
    private final Function<SqliteDatabase, S> storeFactory;
    private SqliteDatabase current;
    private S store;

    TemporaryDatabase(Supplier<Path> directory, Function<SqliteDatabase, S> storeFactory) {
        this.directory = directory;
        this.storeFactory = storeFactory;
    }

    SqliteDatabase database() {
        if (current == null) {
            current = SqliteDatabase.open(file(), Clock.systemUTC());
            store = storeFactory.apply(current);
        }
        return current;
    }

    S store() {
        database();
        return store;
    }

    S reopened() {
        database().close();
        current = SqliteDatabase.open(file(), Clock.systemUTC());
        store = storeFactory.apply(current);
        return store;
    }

    private Path file() {
        return directory.get().resolve("ret_session.db");
    }

    @Override
    public void close() {
        if (current != null) {
            current.close();
        }
    }
}
