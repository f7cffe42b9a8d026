package app.ret.adapters.postgres;

import app.ret.ports.out.CacheTier;
import app.ret.ports.out.CacheTierContract;
import org.junit.jupiter.api.AfterEach;

class PostgresCacheTierTest extends CacheTierContract {
    private final TemporaryPostgres<CacheTier> database = new TemporaryPostgres<>(getClass(), database -> new PostgresCacheTier(database, TemporaryPostgres.NOTICES));

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
