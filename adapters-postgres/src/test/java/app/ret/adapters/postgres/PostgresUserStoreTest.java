package app.ret.adapters.postgres;

import app.ret.ports.out.UserStore;
import app.ret.ports.out.UserStoreContract;
import app.ret.ports.testing.ReopenableStore;
import org.junit.jupiter.api.extension.RegisterExtension;

class PostgresUserStoreTest extends UserStoreContract {
    @RegisterExtension
    final ReopenableStore<PostgresDatabase, UserStore> database = TemporaryPostgres.of(getClass(), PostgresUserStore::new);

    @Override
    protected UserStore store() {
        return database.store();
    }

    @Override
    protected UserStore reopened() {
        return database.reopened();
    }
}
