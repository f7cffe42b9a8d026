package app.ret.adapters.memory;

import static org.assertj.core.api.Assertions.assertThat;

import app.ret.domain.ratelimit.RateLimitDecision;
import app.ret.domain.ratelimit.RateLimitKey;
import app.ret.ports.out.RateLimitStore;
import app.ret.ports.out.RateLimitStoreContract;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class InMemoryRateLimitStoreTest extends RateLimitStoreContract {
    private final InMemoryRateLimitStore store = new InMemoryRateLimitStore();

    @Override
    protected RateLimitStore store() {
        return store;
    }

    @Test
    void closedWindowsLeaveMemoryOnceAWindowLengthHasPassed() {
        for (int i = 0; i < 1_000; i++) {
            store.acquire(address(i), HUNDRED_PER_MINUTE, clock.instant());
        }
        assertThat(store.keyCount()).isEqualTo(1_000);

        clock.advance(Duration.ofSeconds(60));
        store.acquire(ALICE, HUNDRED_PER_MINUTE, clock.instant());

        assertThat(store.keyCount()).isEqualTo(1);
    }

    @Test
    void aFloodOfNewKeysNeverHoldsMoreThanTheBound() {
        InMemoryRateLimitStore bounded = new InMemoryRateLimitStore(1_000);
        int mostHeld = 0;
        for (int i = 0; i < 20_000; i++) {
            bounded.acquire(address(i), HUNDRED_PER_MINUTE, clock.instant());
            mostHeld = Math.max(mostHeld, bounded.keyCount());
        }

        assertThat(mostHeld).isEqualTo(1_000);
    }

    @Test
    void makingRoomDropsTheWindowsClosestToClosing() {
        InMemoryRateLimitStore bounded = new InMemoryRateLimitStore(8);
        for (int i = 0; i < 8; i++) {
            exhaust(bounded, address(i));
            clock.advance(Duration.ofSeconds(1));
        }

        bounded.acquire(address(8), HUNDRED_PER_MINUTE, clock.instant());

        assertThat(bounded.keyCount()).isEqualTo(8);
        assertThat(bounded.acquire(address(0), HUNDRED_PER_MINUTE, clock.instant()).remaining()).isEqualTo(99);
        assertThat(bounded.acquire(address(7), HUNDRED_PER_MINUTE, clock.instant())).isInstanceOf(RateLimitDecision.Refused.class);
    }

    @Test
    void closedWindowsGoFirstWhenRoomIsNeeded() {
        InMemoryRateLimitStore bounded = new InMemoryRateLimitStore(8);
        for (int i = 0; i < 4; i++) {
            exhaust(bounded, address(i));
        }
        clock.advance(Duration.ofSeconds(30));
        for (int i = 4; i < 8; i++) {
            exhaust(bounded, address(i));
        }
        clock.advance(Duration.ofSeconds(31));

        bounded.acquire(address(8), HUNDRED_PER_MINUTE, clock.instant());

        assertThat(bounded.keyCount()).isEqualTo(5);
        assertThat(bounded.acquire(address(4), HUNDRED_PER_MINUTE, clock.instant())).isInstanceOf(RateLimitDecision.Refused.class);
    }

    @Test
    void concurrentFloodsStayWithinTheBoundPlusOneKeyPerThread() throws Exception {
        InMemoryRateLimitStore bounded = new InMemoryRateLimitStore(500);
        int threads = 4;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Integer>> mostHeld = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int first = t * 10_000;
                mostHeld.add(pool.submit(() -> {
                    int most = 0;
                    for (int i = first; i < first + 10_000; i++) {
                        bounded.acquire(address(i), HUNDRED_PER_MINUTE, clock.instant());
                        most = Math.max(most, bounded.keyCount());
                    }
                    return most;
                }));
            }
            for (Future<Integer> most : mostHeld) {
                assertThat(most.get(30, TimeUnit.SECONDS)).isBetween(500 - 500 / 8, 500 + threads);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private void exhaust(InMemoryRateLimitStore target, RateLimitKey key) {
        for (int i = 0; i < HUNDRED_PER_MINUTE.limit(); i++) {
            assertThat(target.acquire(key, HUNDRED_PER_MINUTE, clock.instant())).isInstanceOf(RateLimitDecision.Allowed.class);
        }
    }

    private static RateLimitKey address(int i) {
        return RateLimitKey.forClientAddress("198.51." + (i >> 8 & 0xff) + "." + (i & 0xff) + "#" + i);
    }
}
