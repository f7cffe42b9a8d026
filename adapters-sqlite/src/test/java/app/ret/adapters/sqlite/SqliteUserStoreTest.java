package app.ret.adapters.sqlite;

import app.ret.ports.out.UserStore;
import app.ret.ports.out.UserStoreContract;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

class SqliteUserStoreTest extends UserStoreContract {
    @TempDir
    Path directory;

    private final TemporaryDatabase<UserStore> database = new TemporaryDatabase<>(() -> directory, SqliteUserStore::new);

    @AfterEach
    void closeDatabase() {
        database.close();
    }

    @Override
    protected UserStore store() {
        return database.store();
    }

    @Override
    protected UserStore reopened() {
        return database.reopened();
    }
}
