package app.ret.adapters.postgres;

import app.ret.ports.out.SessionStore;
import app.ret.ports.out.SessionStoreContract;
import org.junit.jupiter.api.AfterEach;

class PostgresSessionStoreTest extends SessionStoreContract {
    private final TemporaryPostgres<SessionStore> database = new TemporaryPostgres<>(getClass(), TemporaryPostgres::sessions);

    @AfterEach
    void closeDatabase() {
        database.close();
    }

    @Override
    protected SessionStore store() {
        return database.store();
    }

    @Override
    protected SessionStore reopened() {
        return database.reopened();
    }
}
