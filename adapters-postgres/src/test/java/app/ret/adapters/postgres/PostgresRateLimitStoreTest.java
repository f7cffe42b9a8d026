package app.ret.adapters.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import app.ret.domain.ratelimit.RateLimitDecision;
import app.ret.ports.out.RateLimitStore;
import app.ret.ports.out.RateLimitStoreContract;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PostgresRateLimitStoreTest extends RateLimitStoreContract {
    private final TemporaryPostgres<RateLimitStore> database =
            new TemporaryPostgres<>(getClass(), opened -> new PostgresRateLimitStore(opened, "api"));

    @AfterEach
    void closeDatabase() {
        database.close();
    }

    @Override
    protected RateLimitStore store() {
        return database.store();
    }

    @Test
    void storesInOtherNamespacesCountSeparately() {
        RateLimitStore login = new PostgresRateLimitStore(database.database(), "login");
        for (int i = 0; i < HUNDRED_PER_MINUTE.limit(); i++) {
            store().acquire(ALICE, HUNDRED_PER_MINUTE, clock.instant());
        }

        assertThat(login.acquire(ALICE, HUNDRED_PER_MINUTE, clock.instant()).remaining()).isEqualTo(99);
        assertThat(store().acquire(ALICE, HUNDRED_PER_MINUTE, clock.instant())).isInstanceOf(RateLimitDecision.Refused.class);
    }
}
