package app.ret.adapters.sqlite;

import app.ret.ports.testing.ReopenableStore;
import java.nio.file.Path;
import java.time.Clock;
import java.util.function.Function;
import java.util.function.Supplier;

/** Stores over a real database file in a test's temp dir. */
final class TemporaryDatabase {
    private TemporaryDatabase() {}

    /** {@code directory} is asked for on first use, after JUnit has made the test's temp dir. */
    static <S> ReopenableStore<SqliteDatabase, S> in(Supplier<Path> directory, Function<SqliteDatabase, S> storeFactory) {
        return new ReopenableStore<>(() -> SqliteDatabase.open(directory.get().resolve("ret_session.db"), Clock.systemUTC()),
                opened -> {}, storeFactory);
    }
}
