package app.ret.adapters.postgres;

import app.ret.domain.session.Session;
import app.ret.ports.out.RefreshTokenStore;
import app.ret.ports.out.RefreshTokenStoreContract;
import org.junit.jupiter.api.AfterEach;

class PostgresRefreshTokenStoreTest extends RefreshTokenStoreContract {
    private final TemporaryPostgres<RefreshTokenStore> database = new TemporaryPostgres<>(getClass(), PostgresRefreshTokenStore::new);

    @AfterEach
    void closeDatabase() {
        database.close();
    }

    @Override
    protected RefreshTokenStore store() {
        return database.store();
    }

    @Override
    protected RefreshTokenStore reopened() {
        return database.reopened();
    }

    @Override
    protected void sessionExists(Session session) {
        TemporaryPostgres.sessions(database.database()).insert(session);
    }
}
