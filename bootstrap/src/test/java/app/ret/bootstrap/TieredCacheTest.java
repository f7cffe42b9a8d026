package app.ret.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import app.ret.domain.cache.CacheEntry;
import app.ret.domain.cache.CacheKey;
import app.ret.domain.cache.CacheKeyPrefix;
import app.ret.domain.cleanup.RemovedResource;
import app.ret.domain.session.EndReason;
import app.ret.domain.user.Role;
import app.ret.ports.in.CacheUseCase;
import app.ret.ports.in.LoginUseCase.LoginCommand;
import app.ret.ports.in.LoginUseCase.LoginResult;
import app.ret.ports.in.SessionEnded;
import app.ret.ports.in.SessionStateUseCase;
import app.ret.ports.in.SessionStateUseCase.PutCommand;
import app.ret.ports.testing.MutableClock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The tiered cache as RET wires it: the real memory tier in front of the real SQLite tier, on a fake clock. */
class TieredCacheTest {
    private static final Duration MINUTE = Duration.ofMinutes(1);

    @TempDir
    Path root;

    private final MutableClock clock = MutableClock.atSomeFixedTime();
    private RetRuntime runtime;

    /** A runtime whose memory tier holds {@code memoryEntries} entries; reopening it is a restart. */
    private CacheUseCase open(int memoryEntries) {
        if (runtime != null) {
            runtime.close();
        }
        Map<String, String> settings = new HashMap<>(RunningRet.testSettings(root));
        settings.put("SESSION_CACHE_MAX_SIZE", Integer.toString(memoryEntries));
        runtime = RetRuntime.open(RetConfig.from(settings), clock, new Random(7));
        return runtime.core().cache();
    }

    @AfterEach
    void close() {
        runtime.close();
    }

    private static CacheKey key(String value) {
        return new CacheKey(value);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(Optional<CacheEntry> entry) {
        return new String(entry.orElseThrow().value(), StandardCharsets.UTF_8);
    }

    @Test
    void expiryIsExactAtTheBoundaryInMemoryAndOnDisk() {
        CacheUseCase cache = open(1);
        cache.put(key("on-disk"), bytes("1"), MINUTE);
        cache.put(key("in-memory"), bytes("2"), MINUTE);
        clock.advance(MINUTE.minusMillis(1));
        assertThat(cache.get(key("in-memory"))).isPresent();
        assertThat(cache.statistics().memory().hits()).isEqualTo(1);
        clock.advance(Duration.ofMillis(1));
        assertThat(cache.get(key("in-memory"))).isEmpty();
        assertThat(cache.get(key("on-disk"))).isEmpty();
        assertThat(cache.list(new CacheKeyPrefix("o"))).isEmpty();
    }

    @Test
    void theDefaultTimeToLiveComesFromTheConfiguration() {
        CacheUseCase cache = open(10);
        CacheEntry entry = cache.put(key("k"), bytes("v"));
        assertThat(entry.expiresAt()).contains(clock.instant().plusSeconds(3600));
    }

    @Test
    void memoryEvictionKeepsTheDiskCopyAndAMissIsPromoted() {
        CacheUseCase cache = open(2);
        cache.put(key("a"), bytes("1"), MINUTE);
        cache.put(key("b"), bytes("2"), MINUTE);
        cache.put(key("c"), bytes("3"), MINUTE);

        assertThat(text(cache.get(key("a")))).isEqualTo("1");
        assertThat(cache.statistics().memory().misses()).as("a had been evicted from memory").isEqualTo(1);
        assertThat(cache.statistics().persistent().hits()).as("and came from disk").isEqualTo(1);

        assertThat(text(cache.get(key("a")))).isEqualTo("1");
        assertThat(cache.statistics().memory().hits()).as("the second read is served by memory").isEqualTo(1);
        assertThat(cache.statistics().persistent().hits()).isEqualTo(1);
        assertThat(cache.statistics().memory().evictions()).isPositive();
    }

    @Test
    void aPromotedEntryKeepsItsOriginalExpiry() {
        CacheUseCase cache = open(1);
        cache.put(key("a"), bytes("1"), MINUTE);
        cache.put(key("b"), bytes("2"), MINUTE);
        clock.advance(Duration.ofSeconds(30));
        assertThat(cache.get(key("a"))).as("promoted from disk").isPresent();
        clock.advance(Duration.ofSeconds(30));
        assertThat(cache.get(key("a"))).as("expired a minute after it was written, not after it was promoted").isEmpty();
    }

    @Test
    void prefixDeletionReachesDiskOnlyEntriesAndCountsDistinctKeys() {
        CacheUseCase cache = open(2);
        for (int i = 0; i < 5; i++) {
            cache.put(key("p:" + i), bytes("v"), MINUTE);
        }
        cache.put(key("p_other"), bytes("v"), MINUTE);
        cache.put(key("P:upper"), bytes("v"), MINUTE);

        assertThat(cache.deleteByPrefix(new CacheKeyPrefix("p:"))).as("three only on disk, two in both tiers").isEqualTo(5);

        for (int i = 0; i < 5; i++) {
            assertThat(cache.get(key("p:" + i))).isEmpty();
        }
        CacheUseCase restarted = open(2);
        for (int i = 0; i < 5; i++) {
            assertThat(restarted.get(key("p:" + i))).isEmpty();
        }
        assertThat(restarted.get(key("p_other"))).isPresent();
        assertThat(restarted.get(key("P:upper"))).isPresent();
    }

    @Test
    void deleteActsOnBothTiers() {
        CacheUseCase cache = open(10);
        cache.put(key("k"), bytes("v"), MINUTE);
        assertThat(cache.delete(key("k"))).isTrue();
        assertThat(cache.get(key("k"))).isEmpty();
        assertThat(open(10).get(key("k"))).isEmpty();
        assertThat(runtime.core().cache().delete(key("k"))).isFalse();
    }

    @Test
    void everyUnexpiredEntryIsServedAfterARestart() {
        CacheUseCase cache = open(3);
        for (int i = 0; i < 10; i++) {
            cache.put(key("k" + i), bytes("{\"n\":" + i + "}"), Duration.ofMinutes(10));
        }
        cache.put(key("short"), bytes("v"), MINUTE);
        clock.advance(MINUTE);

        CacheUseCase restarted = open(3);
        for (int i = 0; i < 10; i++) {
            assertThat(text(restarted.get(key("k" + i)))).isEqualTo("{\"n\":" + i + "}");
        }
        assertThat(restarted.get(key("short"))).isEmpty();
    }

    @Test
    void theSweepRemovesExpiredEntriesInBatchesAndKeepsLiveOnes() {
        CacheUseCase cache = open(100);
        int expiring = 501; // one more than a sweep batch (500): the sweep must loop
        for (int i = 0; i < expiring; i++) {
            cache.put(key("old:" + i), bytes("v"), MINUTE);
        }
        cache.put(key("young"), bytes("v"), Duration.ofHours(1));
        clock.advance(MINUTE);
        assertThat(cache.sweepExpired()).isEqualTo(expiring);
        assertThat(cache.sweepExpired()).isZero();
        assertThat(cache.statistics().persistent().evictions()).isEqualTo(expiring);
        assertThat(cache.get(key("young"))).isPresent();
        clock.set(Instant.parse("2026-11-25T12:00:00Z"));
        assertThat(cache.get(key("old:0"))).as("gone from both tiers, not merely hidden").isEmpty();
    }

    @Test
    void concurrentWritersReadersAndDeletersLeaveBothTiersAgreeing() throws Exception {
        CacheUseCase cache = open(8);
        int threads = 4;
        int rounds = 100;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Integer>> workers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                workers.add(pool.submit(() -> {
                    ThreadLocalRandom random = ThreadLocalRandom.current();
                    int lost = 0;
                    for (int i = 0; i < rounds; i++) {
                        String own = "own:" + thread + ":" + (i % 20);
                        cache.put(key(own), bytes(thread + "/" + i), MINUTE);
                        String shared = "shared:" + random.nextInt(12);
                        switch (random.nextInt(3)) {
                            case 0 -> cache.put(key(shared), bytes(thread + "/" + i), MINUTE);
                            case 1 -> cache.get(key(shared));
                            default -> cache.delete(key(shared));
                        }
                        lost += text(cache.get(key(own))).equals(thread + "/" + i) ? 0 : 1;
                    }
                    return lost;
                }));
            }
            int lost = 0;
            for (Future<Integer> worker : workers) {
                lost += worker.get();
            }
            assertThat(lost).as("a thread always reads back its own latest write").isZero();
        } finally {
            pool.shutdownNow();
        }
        Map<String, Optional<String>> servedBeforeRestart = new HashMap<>();
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            keys.add("shared:" + i);
        }
        for (int t = 0; t < threads; t++) {
            for (int i = 0; i < 20; i++) {
                keys.add("own:" + t + ":" + i);
            }
        }
        for (String k : keys) {
            servedBeforeRestart.put(k, cache.get(key(k)).map(entry -> new String(entry.value(), StandardCharsets.UTF_8)));
        }
        CacheUseCase diskOnly = open(8);
        for (String k : keys) {
            assertThat(diskOnly.get(key(k)).map(entry -> new String(entry.value(), StandardCharsets.UTF_8)))
                    .as("memory and disk agree on " + k).isEqualTo(servedBeforeRestart.get(k));
        }
        for (int t = 0; t < threads; t++) {
            assertThat(text(diskOnly.get(key("own:" + t + ":" + ((rounds - 1) % 20))))).isEqualTo(t + "/" + (rounds - 1));
        }
    }

    /**
     * With a memory tier smaller than the key set, reads keep missing and promoting from disk while
     * writers move the same keys forward. A promotion that lands after a newer write would make a
     * reader see a value go backwards; the per-key locks forbid it.
     */
    @Test
    void promotionsNeverBringBackAnOlderValue() throws Exception {
        CacheUseCase cache = open(4);
        int keys = 6;
        int versions = 120;
        for (int k = 0; k < keys; k++) {
            cache.put(key("race:" + k), bytes("0"), Duration.ofHours(1));
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        AtomicBoolean writing = new AtomicBoolean(true);
        try {
            List<Future<Integer>> tasks = new ArrayList<>();
            for (int w = 0; w < 2; w++) {
                int writer = w;
                tasks.add(pool.submit(() -> {
                    for (int v = 1; v <= versions; v++) {
                        for (int k = writer; k < keys; k += 2) {
                            cache.put(key("race:" + k), bytes(Integer.toString(v)), Duration.ofHours(1));
                        }
                    }
                    return 0;
                }));
            }
            for (int r = 0; r < 2; r++) {
                tasks.add(pool.submit(() -> {
                    int[] newestSeen = new int[keys];
                    int wentBackwards = 0;
                    ThreadLocalRandom random = ThreadLocalRandom.current();
                    while (writing.get()) {
                        int k = random.nextInt(keys);
                        int seen = Integer.parseInt(text(cache.get(key("race:" + k))));
                        wentBackwards += seen < newestSeen[k] ? 1 : 0;
                        newestSeen[k] = Math.max(newestSeen[k], seen);
                    }
                    return wentBackwards;
                }));
            }
            tasks.get(0).get();
            tasks.get(1).get();
            writing.set(false);
            int wentBackwards = 0;
            for (Future<Integer> task : tasks) {
                wentBackwards += task.get();
            }
            assertThat(wentBackwards).isZero();
        } finally {
            writing.set(false);
            pool.shutdownNow();
        }
        assertThat(cache.statistics().persistent().hits()).as("the readers did promote from disk").isPositive();
        for (int k = 0; k < keys; k++) {
            assertThat(text(cache.get(key("race:" + k)))).isEqualTo(Integer.toString(versions));
        }
    }

    @Test
    void endingASessionPurgesItsEntriesFromBothTiersAndReportsThem() {
        open(2);
        runtime.core().userAdministration().addUser("erin", Role.USER, "secret-password".toCharArray());
        LoginResult login = runtime.core().login().login(new LoginCommand("erin", "secret-password".toCharArray(), "192.0.2.1"));
        var session = ((LoginResult.LoggedIn) login).grant().session().id();
        SessionStateUseCase state = runtime.core().sessionState();
        for (int i = 0; i < 5; i++) {
            assertThat(state.put(new PutCommand(session, "k" + i, bytes("1"), Optional.empty())))
                    .isInstanceOf(SessionStateUseCase.Stored.class);
        }
        CacheKey otherFeature = new CacheKey("session:" + session.value() + ":conversion:abc");
        runtime.core().cache().put(otherFeature, bytes("2"), MINUTE);

        SessionEnded ended = runtime.core().endSession().end(session, EndReason.LOGOUT).orElseThrow();

        assertThat(ended.removed().count(RemovedResource.CACHE_ENTRIES)).isEqualTo(6);
        assertThat(runtime.core().cache().get(otherFeature)).isEmpty();
        assertThat(state.put(new PutCommand(session, "late", bytes("1"), Optional.empty())))
                .as("a write racing the ending stores nothing").isInstanceOf(SessionStateUseCase.SessionOver.class);
        CacheUseCase restarted = open(2);
        assertThat(restarted.list(new CacheKeyPrefix("session:" + session.value() + ":"))).isEmpty();
    }
}
