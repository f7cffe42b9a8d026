package app.ret.adapters.postgres;

import app.ret.domain.session.Session;
import app.ret.ports.out.RefreshTokenStore;
import app.ret.ports.out.RefreshTokenStoreContract;
import app.ret.ports.testing.ReopenableStore;
import org.junit.jupiter.api.extension.RegisterExtension;

class PostgresRefreshTokenStoreTest extends RefreshTokenStoreContract {
    @RegisterExtension
    final ReopenableStore<PostgresDatabase, RefreshTokenStore> database = TemporaryPostgres.of(getClass(), PostgresRefreshTokenStore::new);

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
