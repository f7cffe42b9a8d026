package app.ret.adapters.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import app.ret.domain.ratelimit.RateLimitDecision;
import app.ret.ports.out.RateLimitStore;
import app.ret.ports.out.RateLimitStoreContract;
import app.ret.ports.testing.ReopenableStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class PostgresRateLimitStoreTest extends RateLimitStoreContract {
    @RegisterExtension
    final ReopenableStore<PostgresDatabase, RateLimitStore> database =
            TemporaryPostgres.of(getClass(), opened -> new PostgresRateLimitStore(opened, "api"));

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
