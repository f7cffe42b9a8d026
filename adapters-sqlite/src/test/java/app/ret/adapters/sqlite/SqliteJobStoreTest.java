package app.ret.adapters.sqlite;

import app.ret.domain.session.Session;
import app.ret.ports.out.JobStore;
import app.ret.ports.out.JobStoreContract;
import app.ret.ports.testing.ReopenableStore;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class SqliteJobStoreTest extends JobStoreContract {
    @TempDir
    Path directory;

    @RegisterExtension
    final ReopenableStore<SqliteDatabase, JobStore> database = TemporaryDatabase.in(() -> directory, SqliteJobStore::new);

    @Override
    protected JobStore store() {
        return database.store();
    }

    @Override
    protected JobStore reopened() {
        return database.reopened();
    }

    @Override
    protected void sessionExists(Session session) {
        new SqliteSessionStore(database.database()).insert(session);
    }
}
