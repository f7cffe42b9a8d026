package app.ret.adapters.sqlite;

import app.ret.ports.out.SessionStore;
import app.ret.ports.out.SessionStoreContract;
import app.ret.ports.testing.ReopenableStore;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class SqliteSessionStoreTest extends SessionStoreContract {
    @TempDir
    Path directory;

    @RegisterExtension
    final ReopenableStore<SqliteDatabase, SessionStore> database = TemporaryDatabase.in(() -> directory, SqliteSessionStore::new);

    @Override
    protected SessionStore store() {
        return database.store();
    }

    @Override
    protected SessionStore reopened() {
        return database.reopened();
    }
}
