package app.ret.adapters.postgres;

import app.ret.ports.out.UserStore;
import app.ret.ports.out.UserStoreContract;
import org.junit.jupiter.api.AfterEach;

class PostgresUserStoreTest extends UserStoreContract {
    private final TemporaryPostgres<UserStore> database = new TemporaryPostgres<>(getClass(), PostgresUserStore::new);

    @AfterEach
    void closeDatabase() {
        database.close();
    }

    @Override
    protected UserStore store() {
        return database.store();
    }

    @Override
    protected UserStore reopened() {
        return database.reopened();
    }
}
