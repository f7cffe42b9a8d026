package app.ret.adapters.postgres;

import app.ret.ports.out.CacheTier;
import app.ret.ports.out.CacheTierContract;
import org.junit.jupiter.api.AfterEach;

class PostgresCacheTierTest extends CacheTierContract {
    private final TemporaryPostgres<CacheTier> database = new TemporaryPostgres<>(getClass(), PostgresCacheTier::new);

    @AfterEach
    void closeDatabase() {
        database.close();
    }

    @Override
    protected CacheTier tier() {
        return database.store();
    }

    @Override
    protected CacheTier reopened() {
        return database.reopened();
    }
}
