package app.ret.adapters.sqlite;

import app.ret.ports.out.UserStore;
import app.ret.ports.out.UserStoreContract;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

class SqliteUserStoreTest extends UserStoreContract {
    @TempDir
    Path directory;

    private TemporaryDatabase database;
    private UserStore store;

    /** Opened on first use: the contract's own set-up may need the store before ours would run. */
    private TemporaryDatabase database() {
        if (database == null) {
            database = new TemporaryDatabase(directory);
            store = new SqliteUserStore(database.current());
        }
        return database;
    }

    @AfterEach
    void closeDatabase() {
        database().close();
    }

    @Override
    protected UserStore store() {
        database();
        return store;
    }

    @Override
    protected UserStore reopened() {
        store = new SqliteUserStore(database().reopen());
        return store;
    }
}
