package app.ret.benchmarks;

import app.ret.adapters.memory.InMemoryCacheTier;
import app.ret.domain.cache.CacheEntry;
import app.ret.domain.cache.CacheKey;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.ThreadParams;

/**
 * P1: the memory tier against Caffeine and a synchronized access-ordered {@code LinkedHashMap}, on
 * 2 threads, Zipf-distributed keys over ten times the capacity, 90 % reads and 10 % writes. Every
 * cache sees the same key stream and the same entry objects; hits and misses are counted per cache.
 * The memory tier is handed the current time by its caller (the tiered cache reads the clock once
 * per request); that read is part of P3, not of this comparison.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Threads(2)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class MemoryTierBenchmark {
    static final String RET = "ret-memory-tier";
    static final String CAFFEINE = "caffeine";
    static final String CAFFEINE_MATCHED = "caffeine-feature-matched";
    static final String LINKED_HASH_MAP = "synchronized-linkedhashmap";
    private static final int SAMPLES = 1 << 20;
    private static final int SAMPLE_MASK = SAMPLES - 1;
    private static final int WRITE_PERCENT = 10;
    private static final int ENTRY_BYTES = 64;
    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");

    @Param({RET, CAFFEINE_MATCHED, CAFFEINE, LINKED_HASH_MAP})
    public String cache;

    @Param("10000")
    public int capacity;

    private CacheKey[] keys;
    private CacheEntry[] entries;
    private int[] accesses;
    private boolean[] writes;
    private LruCache store;

    /** The two operations every contender offers. */
    interface LruCache {
        boolean get(CacheKey key);

        void put(CacheKey key, CacheEntry entry);
    }

    @Setup(Level.Trial)
    public void setUp() {
        int keyCount = capacity * 10;
        keys = new CacheKey[keyCount];
        entries = new CacheEntry[keyCount];
        for (int i = 0; i < keyCount; i++) {
            keys[i] = CacheSamples.key(i);
            entries[i] = new CacheEntry(keys[i], new byte[ENTRY_BYTES], NOW, Optional.of(NOW.plusSeconds(3600)));
        }
        accesses = ZipfKeys.sample(keyCount, SAMPLES, 42);
        writes = new boolean[SAMPLES];
        Random random = new Random(43);
        for (int i = 0; i < SAMPLES; i++) {
            writes[i] = random.nextInt(100) < WRITE_PERCENT;
        }
        store = create(cache, capacity);
        for (int i = 0; i < capacity * 4; i++) {
            int key = accesses[i & SAMPLE_MASK];
            store.put(keys[key], entries[key]);
        }
    }

    static LruCache create(String name, int capacity) {
        switch (name) {
            case RET: {
                InMemoryCacheTier tier = new InMemoryCacheTier(capacity, Long.MAX_VALUE);
                return new LruCache() {
                    @Override
                    public boolean get(CacheKey key) {
                        return tier.get(key, NOW).isPresent();
                    }

                    @Override
                    public void put(CacheKey key, CacheEntry entry) {
                        tier.put(entry);
                    }
                };
            }
            case CAFFEINE:
                return caffeine(Caffeine.newBuilder().maximumSize(capacity).build());
            case CAFFEINE_MATCHED: {
                // What the tier does besides LRU: a byte bound (every entry here weighs the same, so it
                // is also the entry bound Caffeine cannot combine with a weight), each entry's own
                // expiry, and hit/miss statistics.
                return caffeine(Caffeine.newBuilder()
                        .maximumWeight((long) capacity * ENTRY_BYTES)
                        .weigher((CacheKey key, CacheEntry entry) -> entry.size())
                        .expireAfter(new EntryExpiry())
                        .recordStats()
                        .build());
            }
            case LINKED_HASH_MAP: {
                Map<CacheKey, CacheEntry> lru = new LinkedHashMap<>(capacity * 2, 0.75f, true) {
                    private static final long serialVersionUID = 1L;

                    @Override
                    protected boolean removeEldestEntry(Map.Entry<CacheKey, CacheEntry> eldest) {
                        return size() > capacity;
                    }
                };
                return new LruCache() {
                    @Override
                    public boolean get(CacheKey key) {
                        synchronized (lru) {
                            return lru.get(key) != null;
                        }
                    }

                    @Override
                    public void put(CacheKey key, CacheEntry entry) {
                        synchronized (lru) {
                            lru.put(key, entry);
                        }
                    }
                };
            }
            default:
                throw new IllegalArgumentException("unknown cache " + name);
        }
    }

    private static LruCache caffeine(Cache<CacheKey, CacheEntry> caffeine) {
        return new LruCache() {
            @Override
            public boolean get(CacheKey key) {
                return caffeine.getIfPresent(key) != null;
            }

            @Override
            public void put(CacheKey key, CacheEntry entry) {
                caffeine.put(key, entry);
            }
        };
    }

    /** Each entry lives until its own expiry, as in the tier. */
    private static final class EntryExpiry implements Expiry<CacheKey, CacheEntry> {
        @Override
        public long expireAfterCreate(CacheKey key, CacheEntry entry, long currentTime) {
            return entry.expiresAt().map(at -> Duration.between(NOW, at).toNanos()).orElse(Long.MAX_VALUE);
        }

        @Override
        public long expireAfterUpdate(CacheKey key, CacheEntry entry, long currentTime, long currentDuration) {
            return expireAfterCreate(key, entry, currentTime);
        }

        @Override
        public long expireAfterRead(CacheKey key, CacheEntry entry, long currentTime, long currentDuration) {
            return currentDuration;
        }
    }

    /** Per-thread position in the access stream, and the hit/miss counts JMH reports beside the score. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class Reads {
        public long hits;
        public long misses;
        private int cursor;

        @Setup(Level.Iteration)
        public void reset(ThreadParams thread) {
            hits = 0;
            misses = 0;
            cursor = thread.getThreadIndex() * (SAMPLES / Math.max(1, thread.getThreadCount()));
        }

        int next() {
            return cursor++ & SAMPLE_MASK;
        }
    }

    @Benchmark
    public void getOrPut(Reads reads) {
        int i = reads.next();
        int key = accesses[i];
        if (writes[i]) {
            store.put(keys[key], entries[key]);
        } else if (store.get(keys[key])) {
            reads.hits++;
        } else {
            reads.misses++;
        }
    }
}
