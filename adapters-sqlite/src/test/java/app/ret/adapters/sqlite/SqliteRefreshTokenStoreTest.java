package app.ret.adapters.sqlite;

import app.ret.domain.session.Session;
import app.ret.ports.out.RefreshTokenStore;
import app.ret.ports.out.RefreshTokenStoreContract;
import app.ret.ports.testing.ReopenableStore;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class SqliteRefreshTokenStoreTest extends RefreshTokenStoreContract {
    @TempDir
    Path directory;

    @RegisterExtension
    final ReopenableStore<SqliteDatabase, RefreshTokenStore> database = TemporaryDatabase.in(() -> directory, SqliteRefreshTokenStore::new);

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
