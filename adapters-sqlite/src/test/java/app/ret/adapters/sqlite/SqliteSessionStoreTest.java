package app.ret.adapters.sqlite;

import app.ret.ports.out.SessionStore;
import app.ret.ports.out.SessionStoreContract;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

class SqliteSessionStoreTest extends SessionStoreContract {
    @TempDir
    Path directory;

    private TemporaryDatabase database;
    private SessionStore store;

    /** Opened on first use: the contract's own set-up may need the store before ours would run. */
    private TemporaryDatabase database() {
        if (database == null) {
            database = new TemporaryDatabase(directory);
            store = new SqliteSessionStore(database().current());
        }
        return database;
    }

    @AfterEach
    void closeDatabase() {
        database().close();
    }

    @Override
    protected SessionStore store() {
        database();
        return store;
    }

    @Override
    protected SessionStore reopened() {
        store = new SqliteSessionStore(database().reopen());
        return store;
    }
}
