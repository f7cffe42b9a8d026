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

    private final TemporaryDatabase<RefreshTokenStore> database = new TemporaryDatabase<>(() -> directory, SqliteRefreshTokenStore::new);

    @AfterEach
    void closeDatabase() {
        database.close();
    }

    @Override
    protected RefreshTokenStore store() {
        return database.store();
    }

    @Override
    protected RefreshTokenStore reopened() {
        return database.reopened();
    }

    @Override
    protected void sessionExists(Session session) {
        new SqliteSessionStore(database.database()).insert(session);
    }
}
