package app.ret.adapters.sqlite;

import app.ret.ports.out.UserStore;
import app.ret.ports.out.UserStoreContract;
import app.ret.ports.testing.ReopenableStore;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class SqliteUserStoreTest extends UserStoreContract {
    @TempDir
    Path directory;

    @RegisterExtension
    final ReopenableStore<SqliteDatabase, UserStore> database = TemporaryDatabase.in(() -> directory, SqliteUserStore::new);

    @Override
    protected UserStore store() {
        return database.store();
    }

    @Override
    protected UserStore reopened() {
        return database.reopened();
    }
}
