package app.ret.adapters.sqlite;

import app.ret.domain.session.Session;
import app.ret.ports.out.RefreshTokenStore;
import app.ret.ports.out.RefreshTokenStoreContract;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

class SqliteRefreshTokenStoreTest extends RefreshTokenStoreContract {
    @TempDir
    Path directory;

    private TemporaryDatabase database;
    private RefreshTokenStore store;

    /** Opened on first use: the contract's own set-up may need the store before ours would run. */
    private TemporaryDatabase database() {
        if (database == null) {
            database = new TemporaryDatabase(directory);
            store = new SqliteRefreshTokenStore(database.current());
        }
        return database;
    }

    @AfterEach
    void closeDatabase() {
        database().close();
    }

    @Override
    protected RefreshTokenStore store() {
        database();
        return store;
    }

    @Override
    protected RefreshTokenStore reopened() {
        store = new SqliteRefreshTokenStore(database().reopen());
        return store;
    }

    @Override
    protected void sessionExists(Session session) {
        new SqliteSessionStore(database().current()).insert(session);
    }
}
