package app.ret.adapters.postgres;

import app.ret.domain.session.Session;
import app.ret.ports.out.JobStore;
import app.ret.ports.out.JobStoreContract;
import app.ret.ports.testing.ReopenableStore;
import org.junit.jupiter.api.extension.RegisterExtension;

class PostgresJobStoreTest extends JobStoreContract {
    @RegisterExtension
    final ReopenableStore<PostgresDatabase, JobStore> database =
            TemporaryPostgres.of(getClass(), database -> new PostgresJobStore(database, TemporaryPostgres.NOTICES));

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
