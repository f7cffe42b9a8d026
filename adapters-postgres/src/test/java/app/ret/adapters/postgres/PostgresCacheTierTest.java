package app.ret.adapters.postgres;

import app.ret.ports.out.CacheTier;
import app.ret.ports.out.CacheTierContract;
import app.ret.ports.testing.ReopenableStore;
import org.junit.jupiter.api.extension.RegisterExtension;

class PostgresCacheTierTest extends CacheTierContract {
    @RegisterExtension
    final ReopenableStore<PostgresDatabase, CacheTier> database =
            TemporaryPostgres.of(getClass(), database -> new PostgresCacheTier(database, TemporaryPostgres.NOTICES));

    @Override
    protected CacheTier tier() {
        return database.store();
    }

    @Override
    protected CacheTier reopened() {
        return database.reopened();
    }
}
