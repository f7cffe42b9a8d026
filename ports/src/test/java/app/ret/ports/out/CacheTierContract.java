package app.ret.ports.out;

import static org.assertj.core.api.Assertions.assertThat;

import app.ret.domain.cache.CacheEntry;
import app.ret.domain.cache.CacheEntrySummary;
import app.ret.domain.cache.CacheKey;
import app.ret.domain.cache.CacheKeyPrefix;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** What every {@link CacheTier} must do; the memory and SQLite tiers extend this with their own tier. */
public abstract class CacheTierContract {
    protected static final Instant T0 = Instant.parse("2026-11-25T12:00:00Z");
    protected static final Duration MINUTE = Duration.ofMinutes(1);

    /** A tier with room for at least a few thousand small entries and a few MiB. */
    protected abstract CacheTier tier();

    /** The same data seen through a freshly opened tier (a restart); memory tiers return themselves. */
    protected abstract CacheTier reopened();

    protected static CacheKey key(String value) {
        return new CacheKey(value);
    }

    protected static CacheEntry entry(String key, String value, Instant createdAt, Duration ttl) {
        return CacheEntry.expiring(key(key), value.getBytes(StandardCharsets.UTF_8), createdAt, ttl);
    }

    protected static CacheEntry permanent(String key, String value) {
        return new CacheEntry(key(key), value.getBytes(StandardCharsets.UTF_8), T0, Optional.empty());
    }

    @Test
    void putThenGetRoundTripsBytesAndTimes() {
        CacheEntry quotedNumber = entry("k:json", "\"123\"", T0, MINUTE);
        byte[] oneMebibyte = new byte[1 << 20];
        Arrays.fill(oneMebibyte, (byte) 0x7b);
        oneMebibyte[oneMebibyte.length - 1] = 0;
        CacheEntry large = new CacheEntry(key("k:large"), oneMebibyte, T0, Optional.of(T0.plus(MINUTE)));
        tier().put(quotedNumber);
        tier().put(large);
        assertThat(tier().get(key("k:json"), T0)).contains(quotedNumber);
        assertThat(new String(tier().get(key("k:json"), T0).orElseThrow().value(), StandardCharsets.UTF_8)).isEqualTo("\"123\"");
        assertThat(tier().get(key("k:large"), T0).orElseThrow().value()).isEqualTo(oneMebibyte);
    }

    @Test
    void absentKeyIsEmpty() {
        assertThat(tier().get(key("nothing:here"), T0)).isEmpty();
        assertThat(tier().delete(key("nothing:here"), T0)).isFalse();
    }

    @Test
    void putReplacesValueAndExpiry() {
        tier().put(entry("k", "1", T0, MINUTE));
        CacheEntry replacement = entry("k", "2", T0.plusSeconds(10), Duration.ofHours(1));
        tier().put(replacement);
        assertThat(tier().get(key("k"), T0.plus(Duration.ofMinutes(30)))).contains(replacement);
        assertThat(tier().list(new CacheKeyPrefix("k"), T0.plusSeconds(10))).hasSize(1);
    }

    @Test
    void expiryIsExactAtTheBoundary() {
        tier().put(entry("k", "v", T0, MINUTE));
        Instant expiry = T0.plus(MINUTE);
        assertThat(tier().get(key("k"), expiry.minusMillis(1))).isPresent();
        assertThat(tier().list(new CacheKeyPrefix("k"), expiry.minusMillis(1))).hasSize(1);
        assertThat(tier().get(key("k"), expiry)).isEmpty();
        assertThat(tier().list(new CacheKeyPrefix("k"), expiry)).isEmpty();
        assertThat(tier().delete(key("k"), expiry)).isFalse();
    }

    @Test
    void anEntryWithoutExpiryNeverExpires() {
        tier().put(permanent("k", "v"));
        assertThat(tier().get(key("k"), T0.plus(Duration.ofDays(365 * 100)))).isPresent();
        assertThat(tier().purgeExpired(T0.plus(Duration.ofDays(365 * 100)), 10)).isZero();
    }

    @Test
    void deleteRemovesOnlyThatKey() {
        tier().put(entry("a", "1", T0, MINUTE));
        tier().put(entry("b", "2", T0, MINUTE));
        assertThat(tier().delete(key("a"), T0)).isTrue();
        assertThat(tier().delete(key("a"), T0)).isFalse();
        assertThat(tier().get(key("a"), T0)).isEmpty();
        assertThat(tier().get(key("b"), T0)).isPresent();
    }

    @Test
    void deletingAnExpiredEntryReportsNothingButRemovesIt() {
        tier().put(entry("k", "v", T0, MINUTE));
        assertThat(tier().delete(key("k"), T0.plus(MINUTE))).isFalse();
        assertThat(tier().get(key("k"), T0)).as("physically gone, even when asked at an earlier time").isEmpty();
    }

    @Test
    void prefixDeletionIsLiteralAndCaseSensitive() {
        List<String> keys = List.of("s:1:a", "s:1:b", "s:10:a", "S:1:c", "s:1", "s_1:d", "sx1:e", "s%1:f", "r:1:a");
        keys.forEach(k -> tier().put(entry(k, "v", T0, MINUTE)));

        assertThat(tier().deleteByPrefix(new CacheKeyPrefix("s:1:"), T0)).containsExactlyInAnyOrder(key("s:1:a"), key("s:1:b"));
        assertThat(tier().deleteByPrefix(new CacheKeyPrefix("s_1:"), T0)).as("underscore is not a wildcard").containsExactly(key("s_1:d"));
        assertThat(tier().deleteByPrefix(new CacheKeyPrefix("s%"), T0)).as("percent is not a wildcard").containsExactly(key("s%1:f"));
        assertThat(tier().deleteByPrefix(new CacheKeyPrefix("s:1:"), T0)).isEmpty();

        Set<String> remaining = tier().list(new CacheKeyPrefix("r"), T0).stream().map(s -> s.key().value()).collect(Collectors.toSet());
        remaining.addAll(tier().list(new CacheKeyPrefix("s"), T0).stream().map(s -> s.key().value()).toList());
        remaining.addAll(tier().list(new CacheKeyPrefix("S"), T0).stream().map(s -> s.key().value()).toList());
        assertThat(remaining).containsExactlyInAnyOrder("s:10:a", "S:1:c", "s:1", "sx1:e", "r:1:a");
    }

    @Test
    void prefixDeletionCountsOnlyLiveEntriesButRemovesExpiredOnes() {
        tier().put(entry("p:live", "v", T0, Duration.ofHours(1)));
        tier().put(entry("p:stale", "v", T0, MINUTE));
        assertThat(tier().deleteByPrefix(new CacheKeyPrefix("p:"), T0.plus(MINUTE))).containsExactly(key("p:live"));
        assertThat(tier().get(key("p:stale"), T0)).isEmpty();
    }

    @Test
    void listShowsLiveEntriesUnderThePrefixSortedByKey() {
        tier().put(entry("p:b", "22", T0, Duration.ofHours(1)));
        tier().put(permanent("p:a", "1"));
        tier().put(entry("p:c", "333", T0, MINUTE));
        tier().put(entry("q:a", "4444", T0, Duration.ofHours(1)));
        assertThat(tier().list(new CacheKeyPrefix("p:"), T0.plus(MINUTE))).containsExactly(
                new CacheEntrySummary(key("p:a"), 1, T0, Optional.empty()),
                new CacheEntrySummary(key("p:b"), 2, T0, Optional.of(T0.plus(Duration.ofHours(1)))));
    }

    /** Byte order, as Java sorts, whatever collation the store's database would use for text. */
    @Test
    void listIsInByteOrderAndAPrefixEndingInTildeBoundsItsRange() {
        List.of("p:b", "p:B", "p:_", "p:a", "p:~", "p:0", "p:~~", "p;", "q:a").forEach(k -> tier().put(entry(k, "v", T0, MINUTE)));
        assertThat(tier().list(new CacheKeyPrefix("p:"), T0)).extracting(summary -> summary.key().value())
                .containsExactly("p:0", "p:B", "p:_", "p:a", "p:b", "p:~", "p:~~");
        assertThat(tier().deleteByPrefix(new CacheKeyPrefix("p:~"), T0)).containsExactlyInAnyOrder(key("p:~"), key("p:~~"));
        assertThat(tier().list(new CacheKeyPrefix("p"), T0)).hasSize(6);
    }

    @Test
    void purgeRemovesExpiredEntriesInBoundedBatches() {
        for (int i = 0; i < 5; i++) {
            tier().put(entry("old:" + i, "v", T0, MINUTE));
        }
        tier().put(entry("young", "v", T0, Duration.ofHours(1)));
        tier().put(permanent("forever", "v"));
        Instant later = T0.plus(Duration.ofMinutes(2));
        assertThat(tier().purgeExpired(later, 2)).isEqualTo(2);
        assertThat(tier().purgeExpired(later, 2)).isEqualTo(2);
        assertThat(tier().purgeExpired(later, 2)).isEqualTo(1);
        assertThat(tier().purgeExpired(later, 2)).isZero();
        assertThat(tier().get(key("young"), later)).isPresent();
        assertThat(tier().get(key("forever"), later)).isPresent();
        for (int i = 0; i < 5; i++) {
            assertThat(tier().get(key("old:" + i), T0)).as("purged for good").isEmpty();
        }
        assertThat(tier().statistics().evictions()).isEqualTo(5);
    }

    @Test
    void statisticsCountHitsAndMisses() {
        tier().put(entry("k", "v", T0, MINUTE));
        tier().get(key("k"), T0);
        tier().get(key("k"), T0);
        tier().get(key("absent"), T0);
        tier().get(key("k"), T0.plus(MINUTE));
        assertThat(tier().statistics().hits()).isEqualTo(2);
        assertThat(tier().statistics().misses()).isEqualTo(2);
    }

    @Test
    void retiredEntriesAreUnreachableAtOnceCountedAndGoneAfterThePurge() {
        for (int i = 0; i < 5; i++) {
            tier().put(entry("session:a:state:k" + i, "v" + i, T0, MINUTE));
        }
        tier().put(entry("session:b:state:k", "other", T0, MINUTE));

        assertThat(tier().retire(new CacheKeyPrefix("session:a:"), T0)).isEqualTo(5);

        assertThat(tier().get(key("session:a:state:k0"), T0)).isEmpty();
        assertThat(tier().list(new CacheKeyPrefix("session:a:"), T0)).isEmpty();
        assertThat(tier().list(new CacheKeyPrefix("session:"), T0)).extracting(CacheEntrySummary::key)
                .containsExactly(key("session:b:state:k"));
        int purged = purgeAllRetired(tier(), 2);
        assertThat(purged).isBetween(0, 5);
        assertThat(tier().retire(new CacheKeyPrefix("session:a:"), T0)).as("nothing left to retire").isZero();
        assertThat(tier().get(key("session:b:state:k"), T0)).isPresent();
    }

    @Test
    void aPrefixThatIsNotANamespaceIsCountedByItsLiveEntries() {
        tier().put(entry("user:x", "1", T0, MINUTE));
        tier().put(entry("user:y:z", "2", T0, MINUTE));
        tier().put(entry("user:gone", "3", T0, Duration.ofSeconds(1)));
        tier().put(entry("users", "4", T0, MINUTE));

        assertThat(tier().retire(new CacheKeyPrefix("user:"), T0.plusSeconds(2))).isEqualTo(2);
        assertThat(tier().get(key("user:x"), T0)).isEmpty();
        assertThat(tier().get(key("users"), T0)).isPresent();
    }

    @Test
    void aRetirementHoldsAcrossAReopeningAndItsPurgeLeavesNothing() {
        for (int i = 0; i < 7; i++) {
            tier().put(entry("session:c:k" + i, "v", T0, MINUTE));
        }
        tier().retire(new CacheKeyPrefix("session:c:"), T0);

        CacheTier again = reopened();
        assertThat(again.get(key("session:c:k3"), T0)).isEmpty();
        assertThat(again.list(new CacheKeyPrefix("session:c:"), T0)).isEmpty();
        purgeAllRetired(again, 3);
        assertThat(again.retire(new CacheKeyPrefix("session:c:"), T0)).isZero();
        assertThat(again.purgeRetired(3)).isZero();
    }

    /** Purges in batches of {@code batch} until the tier says nothing is left, checking each batch's bound. */
    private static int purgeAllRetired(CacheTier tier, int batch) {
        int total = 0;
        int purged;
        while ((purged = tier.purgeRetired(batch)) > 0) {
            assertThat(purged).isLessThanOrEqualTo(batch);
            total += purged;
        }
        return total;
    }

    @Test
    void liveEntriesSurviveReopening() {
        CacheEntry live = entry("keep", "{\"a\":[1,2.50,\"x\"]}", T0, Duration.ofHours(1));
        tier().put(live);
        tier().put(entry("drop", "v", T0, MINUTE));
        CacheTier again = reopened();
        assertThat(again.get(key("keep"), T0.plus(MINUTE))).contains(live);
        assertThat(again.get(key("drop"), T0.plus(MINUTE))).isEmpty();
    }

    @Test
    void concurrentPutGetAndDeleteLoseNoUpdate() throws Exception {
        CacheTier tier = tier();
        int threads = 4;
        int keysPerThread = 60;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Callable<Integer>> workers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                workers.add(() -> {
                    int mismatches = 0;
                    for (int i = 0; i < keysPerThread; i++) {
                        String k = "c:" + thread + ":" + i;
                        tier.put(entry(k, "first", T0, MINUTE));
                        tier.put(entry("c:shared", "thread " + thread + " wrote " + i, T0, MINUTE));
                        CacheEntry second = entry(k, "second " + thread + "/" + i, T0, MINUTE);
                        tier.put(second);
                        mismatches += tier.get(key(k), T0).equals(Optional.of(second)) ? 0 : 1;
                        if (i % 2 == 0) {
                            mismatches += tier.delete(key(k), T0) ? 0 : 1;
                        }
                        mismatches += tier.get(key("c:shared"), T0).isPresent() ? 0 : 1;
                    }
                    return mismatches;
                });
            }
            int mismatches = 0;
            for (Future<Integer> worker : pool.invokeAll(workers)) {
                mismatches += worker.get();
            }
            assertThat(mismatches).isZero();
        } finally {
            pool.shutdownNow();
        }
        for (int t = 0; t < threads; t++) {
            int thread = t;
            List<String> expected = IntStream.range(0, keysPerThread).filter(i -> i % 2 == 1)
                    .mapToObj(i -> "c:" + thread + ":" + i).sorted().toList();
            assertThat(tier.list(new CacheKeyPrefix("c:" + thread + ":"), T0)).extracting(s -> s.key().value())
                    .containsExactlyElementsOf(expected);
            for (String k : expected) {
                String value = new String(tier.get(key(k), T0).orElseThrow().value(), StandardCharsets.UTF_8);
                assertThat(value).isEqualTo("second " + k.substring(2).replace(':', '/'));
            }
        }
        assertThat(new String(tier.get(key("c:shared"), T0).orElseThrow().value(), StandardCharsets.UTF_8))
                .endsWith("wrote " + (keysPerThread - 1));
    }
}
