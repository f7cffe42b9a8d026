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

    private TemporaryDatabase database;
    private JobStore store;

    /** Opened on first use: the contract's own set-up may need the store before ours would run. */
    private TemporaryDatabase database() {
        if (database == null) {
            database = new TemporaryDatabase(directory);
            store = new SqliteJobStore(database.current());
        }
        return database;
    }

    @AfterEach
    void closeDatabase() {
        database().close();
    }

    @Override
    protected JobStore store() {
        database();
        return store;
    }

    @Override
    protected JobStore reopened() {
        store = new SqliteJobStore(database().reopen());
        return store;
    }

    @Override
    protected void sessionExists(Session session) {
        new SqliteSessionStore(database().current()).insert(session);
    }
}
