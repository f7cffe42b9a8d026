package app.ret.adapters.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.ret.domain.cache.CacheEntry;
import app.ret.domain.cache.CacheKey;
import app.ret.domain.cache.CacheKeyPrefix;
import app.ret.ports.out.CacheTier;
import app.ret.ports.out.CacheTierContract;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

class InMemoryCacheTierTest extends CacheTierContract {
    private final InMemoryCacheTier tier = new InMemoryCacheTier(10_000, 64L << 20);

    @Override
    protected CacheTier tier() {
        return tier;
    }

    @Override
    protected CacheTier reopened() {
        return tier;
    }

    private static CacheEntry sized(String key, int bytes) {
        return new CacheEntry(new CacheKey(key), new byte[bytes], T0, Optional.of(T0.plus(MINUTE)));
    }

    private static List<String> held(InMemoryCacheTier tier, String... keys) {
        List<String> present = new ArrayList<>();
        for (String key : keys) {
            if (tier.get(new CacheKey(key), T0).isPresent()) {
                present.add(key);
            }
        }
        return present;
    }

    @Test
    void theLeastRecentlyUsedEntryGoesFirst() {
        InMemoryCacheTier small = new InMemoryCacheTier(3, 1 << 20);
        small.put(sized("a", 1));
        small.put(sized("b", 1));
        small.put(sized("c", 1));
        small.get(new CacheKey("a"), T0);
        small.put(sized("d", 1));
        assertThat(small.entryCount()).isEqualTo(3);
        assertThat(small.statistics().evictions()).isEqualTo(1);
        assertThat(held(small, "a", "b", "c", "d")).containsExactly("a", "c", "d");
    }

    @Test
    void overwritingAnEntryMakesItTheNewest() {
        InMemoryCacheTier small = new InMemoryCacheTier(2, 1 << 20);
        small.put(sized("a", 1));
        small.put(sized("b", 1));
        small.put(sized("a", 2));
        small.put(sized("c", 1));
        assertThat(held(small, "a", "b", "c")).containsExactly("a", "c");
    }

    @Test
    void readsBeyondOneBufferStillCountForRecency() {
        InMemoryCacheTier small = new InMemoryCacheTier(2, 1 << 20);
        small.put(sized("a", 1));
        small.put(sized("b", 1));
        for (int i = 0; i < ReadBuffer.SLOTS_PER_STRIPE * 3; i++) {
            small.get(new CacheKey(i % 2 == 0 ? "b" : "a"), T0);
        }
        small.put(sized("c", 1));
        assertThat(held(small, "a", "b", "c")).as("a was read last, so b was the eldest").containsExactly("a", "c");
    }

    @Test
    void theByteBoundEvictsAsManyAsNeeded() {
        InMemoryCacheTier small = new InMemoryCacheTier(100, 1000);
        small.put(sized("a", 400));
        small.put(sized("b", 400));
        small.put(sized("c", 100));
        small.put(sized("d", 900));
        assertThat(small.byteCount()).as("two evicted, and no more than needed").isEqualTo(1000);
        assertThat(small.statistics().evictions()).isEqualTo(2);
        assertThat(held(small, "a", "b", "c", "d")).containsExactly("c", "d");
        small.put(sized("d", 10));
        assertThat(small.byteCount()).isEqualTo(110);
    }

    @Test
    void anEntryLargerThanTheTierIsDeclinedAndItsOldVersionDropped() {
        InMemoryCacheTier small = new InMemoryCacheTier(100, 1000);
        small.put(sized("a", 10));
        small.put(sized("big", 10));
        small.put(sized("big", 1001));
        assertThat(small.get(new CacheKey("big"), T0)).as("never the stale small version").isEmpty();
        assertThat(small.byteCount()).isEqualTo(10);
        assertThat(held(small, "a")).containsExactly("a");
    }

    @Test
    void anExpiredEntryLeavesOnRead() {
        tier.put(sized("k", 5));
        assertThat(tier.get(new CacheKey("k"), T0.plus(MINUTE))).isEmpty();
        assertThat(tier.entryCount()).isZero();
        assertThat(tier.byteCount()).isZero();
        assertThat(tier.statistics().evictions()).isEqualTo(1);
    }

    @Test
    void boundsHoldUnderConcurrentChurn() throws Exception {
        InMemoryCacheTier small = new InMemoryCacheTier(50, 5_000);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> workers = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                workers.add(pool.submit(() -> {
                    ThreadLocalRandom random = ThreadLocalRandom.current();
                    for (int i = 0; i < 20_000; i++) {
                        String key = "k" + random.nextInt(200);
                        int operation = random.nextInt(10);
                        if (operation < 7) {
                            small.get(new CacheKey(key), T0);
                        } else if (operation < 9) {
                            small.put(sized(key, random.nextInt(300)));
                        } else {
                            small.delete(new CacheKey(key), T0);
                        }
                    }
                }));
            }
            for (Future<?> worker : workers) {
                worker.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(small.entryCount()).isBetween(1, 50);
        assertThat(small.byteCount()).isBetween(0L, 5_000L);
        int listed = small.list(new CacheKeyPrefix("k"), T0).size();
        assertThat(listed).isEqualTo(small.entryCount());
        long listedBytes = small.list(new CacheKeyPrefix("k"), T0).stream().mapToLong(s -> s.size()).sum();
        assertThat(listedBytes).isEqualTo(small.byteCount());
        assertThat(small.statistics().evictions()).isPositive();
    }

    @Test
    void boundsMustBePositive() {
        assertThatThrownBy(() -> new InMemoryCacheTier(0, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new InMemoryCacheTier(1, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aDeclinedPutOfAKeyNotHeldChangesNothing() {
        InMemoryCacheTier small = new InMemoryCacheTier(10, 100);
        small.put(sized("huge", 101));
        assertThat(small.entryCount()).isZero();
        assertThat(small.statistics().evictions()).isZero();
        assertThat(small.get(new CacheKey("huge"), T0.minus(Duration.ofSeconds(1)))).isEmpty();
    }
}
