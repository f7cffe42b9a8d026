package app.ret.ports.out;

import static org.assertj.core.api.Assertions.assertThat;

import app.ret.domain.ratelimit.RateLimit;
import app.ret.domain.ratelimit.RateLimitDecision;
import app.ret.domain.ratelimit.RateLimitKey;
import app.ret.ports.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** What every {@link RateLimitStore} must do; adapters extend this with their own store. */
public abstract class RateLimitStoreContract {
    protected static final RateLimit HUNDRED_PER_MINUTE = new RateLimit(100, Duration.ofSeconds(60));
    protected static final RateLimitKey ALICE = new RateLimitKey("user:alice");
    protected static final RateLimitKey BOB = new RateLimitKey("user:bob");

    protected final MutableClock clock = MutableClock.atSomeFixedTime();
    protected final Instant t0 = clock.instant();

    protected abstract RateLimitStore store();

    @Test
    void grantsExactlyTheLimitWithRemainingCountingDown() {
        for (int i = 1; i <= 100; i++) {
            RateLimitDecision decision = acquire(ALICE);
            assertThat(decision).isInstanceOf(RateLimitDecision.Allowed.class);
            assertThat(decision.remaining()).isEqualTo(100 - i);
            assertThat(decision.resetSeconds()).isEqualTo(60);
        }

        assertThat(acquire(ALICE)).isEqualTo(new RateLimitDecision.Refused(100, 60));
    }

    @Test
    void resetAndRetryAfterAreRightToTheSecond() {
        acquire(ALICE);
        clock.advance(Duration.ofMillis(10_300));
        assertThat(acquire(ALICE).resetSeconds()).isEqualTo(50);

        exhaust(ALICE);
        clock.set(t0.plusMillis(59_001));
        assertThat(acquire(ALICE)).isEqualTo(new RateLimitDecision.Refused(100, 1));
        clock.set(t0.plusSeconds(42));
        assertThat(acquire(ALICE)).isEqualTo(new RateLimitDecision.Refused(100, 18));
    }

    @Test
    void theWindowStartsOverExactlyWhenItCloses() {
        exhaust(ALICE);
        clock.set(t0.plusSeconds(60).minusMillis(1));
        assertThat(acquire(ALICE)).isInstanceOf(RateLimitDecision.Refused.class);

        clock.set(t0.plusSeconds(60));
        RateLimitDecision next = acquire(ALICE);

        assertThat(next).isEqualTo(new RateLimitDecision.Allowed(100, t0.plusSeconds(120), 1, 60));
    }

    @Test
    void refusedRequestsNeitherCountNorExtendTheWindow() {
        exhaust(ALICE);
        for (int i = 0; i < 50; i++) {
            clock.advance(Duration.ofSeconds(1));
            assertThat(acquire(ALICE)).isInstanceOf(RateLimitDecision.Refused.class);
        }

        clock.set(t0.plusSeconds(60));
        assertThat(acquire(ALICE).remaining()).isEqualTo(99);
    }

    @Test
    void aKeyLeftAloneExpiresByItself() {
        acquire(ALICE);
        acquire(ALICE);
        clock.advance(Duration.ofHours(5));

        RateLimitDecision later = acquire(ALICE);

        assertThat(later.remaining()).isEqualTo(99);
        assertThat(later.resetSeconds()).isEqualTo(60);
    }

    @Test
    void keysCountSeparately() {
        exhaust(ALICE);

        assertThat(acquire(BOB).remaining()).isEqualTo(99);
        assertThat(acquire(ALICE)).isInstanceOf(RateLimitDecision.Refused.class);
    }

    @Test
    void eachCallNamesItsOwnPolicy() {
        RateLimit twoPerFiveMinutes = new RateLimit(2, Duration.ofSeconds(300));
        RateLimitKey login = new RateLimitKey("ip:192.0.2.7");

        store().acquire(login, twoPerFiveMinutes, clock.instant());
        store().acquire(login, twoPerFiveMinutes, clock.instant());

        assertThat(store().acquire(login, twoPerFiveMinutes, clock.instant())).isEqualTo(new RateLimitDecision.Refused(2, 300));
    }

    @Test
    void releaseGivesBackOneAdmission() {
        for (int i = 0; i < 99; i++) {
            acquire(ALICE);
        }
        RateLimitDecision.Allowed last = (RateLimitDecision.Allowed) acquire(ALICE);
        assertThat(acquire(ALICE)).isInstanceOf(RateLimitDecision.Refused.class);

        store().release(ALICE, last);

        RateLimitDecision again = acquire(ALICE);
        assertThat(again).isInstanceOf(RateLimitDecision.Allowed.class);
        assertThat(again.remaining()).isZero();
        assertThat(acquire(ALICE)).isInstanceOf(RateLimitDecision.Refused.class);
    }

    @Test
    void releaseNeverTouchesALaterWindow() {
        RateLimitDecision.Allowed grant = (RateLimitDecision.Allowed) acquire(ALICE);
        clock.advance(Duration.ofSeconds(60));
        exhaust(ALICE);

        store().release(ALICE, grant);

        assertThat(acquire(ALICE)).isInstanceOf(RateLimitDecision.Refused.class);
    }

    @Test
    void releaseOfAnUnknownKeyChangesNothing() {
        RateLimitDecision.Allowed grant = HUNDRED_PER_MINUTE.open(clock.instant());

        store().release(BOB, grant);

        assertThat(acquire(BOB).remaining()).isEqualTo(99);
    }

    @Test
    void clearForgetsTheKeyAndOnlyThatKey() {
        exhaust(ALICE);
        exhaust(BOB);
        clock.advance(Duration.ofSeconds(20));

        store().clear(ALICE);

        RateLimitDecision fresh = acquire(ALICE);
        assertThat(fresh.remaining()).isEqualTo(99);
        assertThat(fresh.resetSeconds()).isEqualTo(60);
        assertThat(acquire(BOB)).isInstanceOf(RateLimitDecision.Refused.class);
    }

    @Test
    void racingThreadsAreAdmittedExactlyTheLimitInEveryWindow() throws Exception {
        int threads = 4;
        int checksPerThreadAndWindow = 2_500;
        int windows = 3;
        RateLimit policy = new RateLimit(1_000, Duration.ofSeconds(60));
        CyclicBarrier nextWindow = new CyclicBarrier(threads, () -> clock.advance(Duration.ofSeconds(60)));
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<int[]>> perThread = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                perThread.add(pool.submit(() -> {
                    int[] allowedPerWindow = new int[windows];
                    for (int w = 0; w < windows; w++) {
                        nextWindow.await(10, TimeUnit.SECONDS);
                        for (int i = 0; i < checksPerThreadAndWindow; i++) {
                            if (store().acquire(ALICE, policy, clock.instant()) instanceof RateLimitDecision.Allowed) {
                                allowedPerWindow[w]++;
                            }
                        }
                    }
                    return allowedPerWindow;
                }));
            }
            int[] allowed = new int[windows];
            for (Future<int[]> result : perThread) {
                int[] counts = result.get(30, TimeUnit.SECONDS);
                for (int w = 0; w < windows; w++) {
                    allowed[w] += counts[w];
                }
            }
            assertThat(allowed).containsOnly(1_000);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void racingReleasesAndAcquiresNeverAdmitMoreThanWasGivenBack() throws Exception {
        RateLimit policy = new RateLimit(500, Duration.ofSeconds(60));
        List<RateLimitDecision.Allowed> grants = IntStream.range(0, 500)
                .mapToObj(i -> (RateLimitDecision.Allowed) store().acquire(ALICE, policy, clock.instant()))
                .toList();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<?> releasing = pool.submit(() -> grants.subList(0, 200).forEach(grant -> store().release(ALICE, grant)));
            Future<Long> acquiring = pool.submit(() -> IntStream.range(0, 2_000)
                    .filter(i -> store().acquire(ALICE, policy, clock.instant()) instanceof RateLimitDecision.Allowed)
                    .count());
            releasing.get(30, TimeUnit.SECONDS);
            long admittedDuringRace = acquiring.get(30, TimeUnit.SECONDS);
            long admittedAfterRace = IntStream.range(0, 300)
                    .filter(i -> store().acquire(ALICE, policy, clock.instant()) instanceof RateLimitDecision.Allowed)
                    .count();

            assertThat(admittedDuringRace + admittedAfterRace).isEqualTo(200);
        } finally {
            pool.shutdownNow();
        }
    }

    private RateLimitDecision acquire(RateLimitKey key) {
        return store().acquire(key, HUNDRED_PER_MINUTE, clock.instant());
    }

    private void exhaust(RateLimitKey key) {
        int allowed = 0;
        while (acquire(key) instanceof RateLimitDecision.Allowed) {
            allowed++;
        }
        assertThat(allowed).isLessThanOrEqualTo(HUNDRED_PER_MINUTE.limit());
    }
}
