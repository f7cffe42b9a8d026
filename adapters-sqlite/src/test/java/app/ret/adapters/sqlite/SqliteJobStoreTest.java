package app.ret.adapters.sqlite;

import app.ret.domain.session.Session;
import app.ret.ports.out.JobStore;
import app.ret.ports.out.JobStoreContract;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

class SqliteJobStoreTest extends JobStoreContract {
    @TempDir
    Path directory;

    private final TemporaryDatabase<JobStore> database = new TemporaryDatabase<>(() -> directory, SqliteJobStore::new);

    @AfterEach
    void closeDatabase() {
        database.close();
    }

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
