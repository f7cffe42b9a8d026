package app.ret.adapters.postgres;

import app.ret.ports.out.SessionStore;
import app.ret.ports.out.SessionStoreContract;
import app.ret.ports.testing.ReopenableStore;
import org.junit.jupiter.api.extension.RegisterExtension;

class PostgresSessionStoreTest extends SessionStoreContract {
    @RegisterExtension
    final ReopenableStore<PostgresDatabase, SessionStore> database = TemporaryPostgres.of(getClass(), TemporaryPostgres::sessions);

    @Override
    protected SessionStore store() {
        return database.store();
    }

    @Override
    protected SessionStore reopened() {
        return database.reopened();
    }
}
