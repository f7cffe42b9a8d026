package app.ret.adapters.postgres;

import app.ret.domain.session.Session;
import app.ret.ports.out.JobStore;
import app.ret.ports.out.JobStoreContract;
import org.junit.jupiter.api.AfterEach;

class PostgresJobStoreTest extends JobStoreContract {
    private final TemporaryPostgres<JobStore> database = new TemporaryPostgres<>(getClass(), database -> new PostgresJobStore(database, TemporaryPostgres.NOTICES));

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
        TemporaryPostgres.sessions(database.database()).insert(session);
    }
}
