package app.ret.application.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import app.ret.adapters.memory.InMemoryCacheTier;
import app.ret.adapters.memory.InMemoryJobStore;
import app.ret.adapters.memory.InMemorySessionStore;
import app.ret.application.cache.CacheDependencies;
import app.ret.application.cache.TieredCacheService;
import app.ret.application.jobs.JobRunner;
import app.ret.application.jobs.JobSettings;
import app.ret.domain.cache.CacheEntry;
import app.ret.domain.cache.CacheKey;
import app.ret.domain.cache.CacheKeyPrefix;
import app.ret.ports.testing.MutableClock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

/**
 * Other instances' cache changes, applied to this instance's memory tier: the shared persistent
 * tier is written behind the core's back, as another instance would.
 */
class PeerChangesTest {
    private static final CacheKey A = new CacheKey("shared:a");
    private static final CacheKey B = new CacheKey("shared:b");
    private static final CacheKey OTHER = new CacheKey("other:c");

    private final MutableClock clock = MutableClock.atSomeFixedTime();
    private final InMemoryCacheTier memory = new InMemoryCacheTier(100, 1 << 20);
    private final InMemoryCacheTier shared = new InMemoryCacheTier(100, 1 << 20);
    private final TieredCacheService cache = new TieredCacheService(clock, new CacheDependencies(memory, shared, Duration.ofHours(1)), Runnable::run);
    private final PeerChangesService peers = new PeerChangesService(cache, new InMemorySessionStore(),
            new JobRunner(new InMemoryJobStore(), clock, new SplittableRandom(1), JobSettings.of(1, 3, Duration.ofHours(1), false),
                    Executors.defaultThreadFactory(), List.of()));

    @Test
    void aKeyAnotherInstanceChangedIsReadFromTheSharedTierAgain() {
        cache.put(A, new byte[] {1});
        cache.put(B, new byte[] {1});
        changedElsewhere(A, 2);
        changedElsewhere(B, 2);
        assertThat(value(A)).as("the memory copy, until told").contains((byte) 1);

        peers.cacheEntryChanged(A);

        assertThat(value(A)).contains((byte) 2);
        assertThat(value(B)).as("only the key named").contains((byte) 1);
    }

    @Test
    void aPrefixAnotherInstanceChangedDropsEveryMemoryCopyUnderItAndNoOther() {
        cache.put(A, new byte[] {1});
        cache.put(B, new byte[] {1});
        cache.put(OTHER, new byte[] {1});
        changedElsewhere(A, 2);
        changedElsewhere(B, 2);
        changedElsewhere(OTHER, 2);

        peers.cacheEntriesChanged(new CacheKeyPrefix("shared:"));

        assertThat(value(A)).contains((byte) 2);
        assertThat(value(B)).contains((byte) 2);
        assertThat(value(OTHER)).contains((byte) 1);
    }

    @Test
    void whileNoticesAreLostTheSharedTierAnswersAndOnceTheyResumeMemoryServesAfresh() {
        cache.put(A, new byte[] {1});

        peers.noticesLost();
        assertThat(memory.get(A, clock.instant())).as("memory emptied").isEmpty();
        changedElsewhere(A, 2);
        assertThat(value(A)).contains((byte) 2);
        changedElsewhere(A, 3);
        assertThat(value(A)).as("nothing served from memory meanwhile").contains((byte) 3);

        peers.noticesResumed();
        assertThat(value(A)).contains((byte) 3);
        assertThat(memory.get(A, clock.instant())).as("promoted again").isPresent();
        changedElsewhere(A, 4);
        assertThat(value(A)).as("memory serves again").contains((byte) 3);
    }

    private void changedElsewhere(CacheKey key, int value) {
        shared.put(CacheEntry.expiring(key, new byte[] {(byte) value}, clock.instant(), Duration.ofHours(1)));
    }

    private Optional<Byte> value(CacheKey key) {
        return cache.get(key).map(entry -> entry.value()[0]);
    }
}
