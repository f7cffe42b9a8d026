package app.ret.adapters.sqlite;

import app.ret.ports.out.SessionStore;
import app.ret.ports.out.SessionStoreContract;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

class SqliteSessionStoreTest extends SessionStoreContract {
    @TempDir
    Path directory;

    private final TemporaryDatabase<SessionStore> database = new TemporaryDatabase<>(() -> directory, SqliteSessionStore::new);

    @AfterEach
    void closeDatabase() {
        database.close();
    }

    @Override
    protected SessionStore store() {
        return database.store();
    }

    @Override
    protected SessionStore reopened() {
        return database.reopened();
    }
}
