package app.ret.application.cache;

import static org.assertj.core.api.Assertions.assertThat;

import app.ret.adapters.memory.InMemoryCacheTier;
import app.ret.adapters.sqlite.SqliteCacheTier;
import app.ret.adapters.sqlite.SqliteDatabase;
import app.ret.domain.cache.CacheEntry;
import app.ret.domain.cache.CacheKey;
import app.ret.domain.cache.CacheKeyPrefix;
import app.ret.domain.cache.SessionCacheNamespace;
import app.ret.domain.cache.StateKey;
import app.ret.domain.cleanup.CleanupReport;
import app.ret.domain.cleanup.RemovedResource;
import app.ret.domain.session.SessionId;
import app.ret.ports.testing.MutableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.FutureTask;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Write-through over a small memory tier and a larger "persistent" one, both the real in-memory adapter. */
class TieredCacheServiceTest {
    private static final CacheKey A = new CacheKey("shared:a");
    private static final CacheKey B = new CacheKey("shared:b");

    private final MutableClock clock = MutableClock.atSomeFixedTime();
    private final InMemoryCacheTier memory = new InMemoryCacheTier(1, 1 << 20);
    private final InMemoryCacheTier persistent = new InMemoryCacheTier(10_000, 1 << 26);
    private final TieredCacheService cache = new TieredCacheService(clock, new CacheDependencies(memory, persistent, Duration.ofHours(1)), Runnable::run);

    @Test
    void aWriteReachesBothTiersWithTheDefaultLifetime() {
        CacheEntry written = cache.put(A, new byte[] {1});

        assertThat(written.expiresAt()).contains(clock.instant().plus(Duration.ofHours(1)));
        assertThat(memory.get(A, clock.instant())).contains(written);
        assertThat(persistent.get(A, clock.instant())).contains(written);
        assertThat(cache.defaultTtl()).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void anEntryEvictedFromMemoryIsAnsweredFromDiskAndPromotedWithItsExpiry() {
        CacheEntry a = cache.put(A, new byte[] {1}, Duration.ofMinutes(5));
        cache.put(B, new byte[] {2}, Duration.ofMinutes(5));
        assertThat(memory.get(A, clock.instant())).as("the one-entry memory tier evicted a").isEmpty();

        assertThat(cache.get(A)).contains(a);

        assertThat(memory.get(A, clock.instant())).contains(a);
        clock.advance(Duration.ofMinutes(5));
        assertThat(cache.get(A)).isEmpty();
    }

    @Test
    void deletingSaysWhetherEitherTierHeldTheKey() {
        cache.put(A, new byte[] {1});
        cache.put(B, new byte[] {2});

        assertThat(cache.delete(A)).as("only on disk").isTrue();
        assertThat(cache.delete(B)).as("in both").isTrue();
        assertThat(cache.delete(B)).isFalse();
        assertThat(cache.get(A)).isEmpty();
        assertThat(cache.get(B)).isEmpty();
    }

    @Test
    void deletingAPrefixCountsEachKeyOnceAndLeavesOtherKeys() {
        cache.put(A, new byte[] {1});
        cache.put(B, new byte[] {2});
        CacheKey other = new CacheKey("other:c");
        cache.put(other, new byte[] {3});

        assertThat(cache.deleteByPrefix(new CacheKeyPrefix("shared:"))).isEqualTo(2);

        assertThat(cache.get(A)).isEmpty();
        assertThat(cache.get(other)).isPresent();
    }

    @Test
    void aNoticeFromAnotherInstanceDropsOnlyTheMemoryCopy() {
        cache.put(A, new byte[] {1});
        CacheEntry changedElsewhere = CacheEntry.expiring(A, new byte[] {9}, clock.instant(), Duration.ofMinutes(1));
        persistent.put(changedElsewhere);
        assertThat(cache.get(A)).map(CacheEntry::value).contains(new byte[] {1});

        cache.forget(A);

        assertThat(cache.get(A)).contains(changedElsewhere);
    }

    @Test
    void aPrefixNoticeDropsTheMemoryCopiesUnderIt() {
        cache.put(A, new byte[] {1});
        persistent.put(CacheEntry.expiring(A, new byte[] {9}, clock.instant(), Duration.ofMinutes(1)));

        cache.forget(new CacheKeyPrefix("shared:"));

        assertThat(cache.get(A)).map(CacheEntry::value).contains(new byte[] {9});
    }

    @Test
    void anUntrustedMemoryTierIsEmptiedAndNeitherAnswersNorIsFilledUntilTrustedAgain() {
        cache.put(A, new byte[] {1});

        cache.distrustMemory();

        assertThat(memory.get(A, clock.instant())).isEmpty();
        CacheEntry newer = CacheEntry.expiring(A, new byte[] {2}, clock.instant(), Duration.ofMinutes(1));
        persistent.put(newer);
        assertThat(cache.get(A)).contains(newer);
        assertThat(memory.get(A, clock.instant())).as("nothing promoted while untrusted").isEmpty();
        memory.put(CacheEntry.expiring(A, new byte[] {7}, clock.instant(), Duration.ofMinutes(1)));
        assertThat(cache.get(A)).as("a stale memory copy is not served").contains(newer);

        cache.trustMemoryAgain();

        assertThat(memory.get(A, clock.instant())).as("emptied before it serves again").isEmpty();
        assertThat(cache.get(A)).contains(newer);
        assertThat(memory.get(A, clock.instant())).contains(newer);
    }

    @Test
    void aSweepPurgesEveryExpiredEntryInBatches() {
        int expiring = 2 * TieredCacheService.PURGE_BATCH + 7;
        for (int i = 0; i < expiring; i++) {
            cache.put(new CacheKey("shared:" + i), new byte[] {1}, Duration.ofSeconds(1));
        }
        cache.put(new CacheKey("shared:kept"), new byte[] {1}, Duration.ofHours(2));
        clock.advance(Duration.ofSeconds(1));

        assertThat(cache.sweepExpired()).isEqualTo(expiring);

        assertThat(cache.list(new CacheKeyPrefix("shared:"))).hasSize(1);
        assertThat(cache.statistics().persistent()).isEqualTo(persistent.statistics());
    }

    @Test
    void endingASessionRemovesItsEveryEntryAndReportsTheCount() {
        SessionId session = new SessionId("0123456789abcdef0123456789abcdef");
        SessionCacheNamespace namespace = new SessionCacheNamespace(session);
        cache.put(A, new byte[] {1});
        cache.put(namespace.stateKey(new StateKey("x")), new byte[] {1});
        CacheKey lastWritten = namespace.stateKey(new StateKey("y"));
        cache.put(lastWritten, new byte[] {1});
        assertThat(memory.get(lastWritten, clock.instant())).as("held in memory too").isPresent();

        CleanupReport report = cache.purgeSession(session);

        assertThat(report).isEqualTo(CleanupReport.of(RemovedResource.CACHE_ENTRIES, 2));
        assertThat(cache.list(namespace.everything())).isEmpty();
        assertThat(cache.get(lastWritten)).as("nor served from memory").isEmpty();
        assertThat(cache.get(A)).as("another key stays").isPresent();
    }

    /**
     * Retired rows of ended sessions are deleted by one background purge at a time, on the real
     * SQLite tier (which, unlike memory, keeps retired rows until purged): a second ending while one
     * purge waits adds none, an ending after it ran schedules the next.
     */
    @Test
    void retiredEntriesArePurgedInTheBackgroundOnePurgeAtATime(@TempDir Path directory) {
        List<Runnable> background = new ArrayList<>();
        try (SqliteDatabase database = SqliteDatabase.open(directory.resolve("cache.db"), clock)) {
            TieredCacheService durable = new TieredCacheService(clock,
                    new CacheDependencies(memory, new SqliteCacheTier(database), Duration.ofHours(1)), background::add);
            SessionId first = new SessionId("0123456789abcdef0123456789abcdef");
            SessionId second = new SessionId("fedcba9876543210fedcba9876543210");
            putStateOf(durable, first, "x", "y", "z");
            putStateOf(durable, second, "x", "y");

            assertThat(durable.purgeSession(first)).isEqualTo(CleanupReport.of(RemovedResource.CACHE_ENTRIES, 3));
            assertThat(durable.purgeSession(second)).isEqualTo(CleanupReport.of(RemovedResource.CACHE_ENTRIES, 2));
            assertThat(background).as("one purge while another waits").hasSize(1);
            background.remove(0).run();
            assertThat(durable.purgeRetired()).as("the background purge left no retired row").isZero();

            SessionId third = new SessionId("00000000000000000000000000000003");
            putStateOf(durable, third, "x");
            durable.purgeSession(third);
            assertThat(background).as("an ending after the purge ran schedules the next").hasSize(1);
            assertThat(durable.purgeRetired()).as("entries purged").isEqualTo(1);
        }
    }

    private static void putStateOf(TieredCacheService cache, SessionId session, String... names) {
        SessionCacheNamespace namespace = new SessionCacheNamespace(session);
        for (String name : names) {
            cache.put(namespace.stateKey(new StateKey(name)), new byte[] {1});
        }
    }

    /** Every operation lets go of the key locks it took: another thread can then take all of them. */
    @Test
    void afterEveryOperationAnotherThreadCanLockEveryKey() throws Exception {
        cache.put(A, new byte[] {1});
        assertEveryKeyIsFreeForAnotherThread("after a put");
        cache.put(B, new byte[] {2});
        assertThat(cache.get(A)).as("read from disk, as memory evicted it").isPresent();
        assertEveryKeyIsFreeForAnotherThread("after a promotion");
        assertThat(cache.delete(A)).isTrue();
        assertEveryKeyIsFreeForAnotherThread("after a delete");
        cache.forget(B);
        assertEveryKeyIsFreeForAnotherThread("after a notice of a key");
        cache.forget(new CacheKeyPrefix("shared:"));
        assertEveryKeyIsFreeForAnotherThread("after a notice of a prefix");
        cache.distrustMemory();
        assertEveryKeyIsFreeForAnotherThread("after distrusting memory");
        cache.trustMemoryAgain();
        assertEveryKeyIsFreeForAnotherThread("after trusting memory again");
        cache.purgeSession(new SessionId("0123456789abcdef0123456789abcdef"));
        assertEveryKeyIsFreeForAnotherThread("after a session's purge");
    }

    private void assertEveryKeyIsFreeForAnotherThread(String when) {
        FutureTask<Integer> everyKey = new FutureTask<>(() -> cache.deleteByPrefix(new CacheKeyPrefix("absent:")));
        Thread other = new Thread(everyKey, "every-key-locker");
        other.setDaemon(true);
        other.start();
        assertThat(everyKey).as(when).succeedsWithin(Duration.ofSeconds(1));
    }
}
