package app.ret.benchmarks;

import app.ret.domain.cache.CacheEntry;
import app.ret.domain.cache.CacheKey;
import java.time.Instant;
import java.util.Optional;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/** The keys and entries the cache benchmarks share: one session's state keys, the same set for every contender. */
public final class CacheSamples {
    /** How many entries the store benchmarks fill their databases with. */
    static final int STORE_KEYS = 10_000;
    static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");

    private CacheSamples() {}

    static CacheKey key(int index) {
        return new CacheKey("session:0123456789abcdef0123456789abcdef:state:key-" + index);
    }

    /** {@link #STORE_KEYS} entries of 64 to 255 bytes, created at {@link #NOW} and expiring an hour later. */
    static CacheEntry[] storeEntries() {
        CacheEntry[] entries = new CacheEntry[STORE_KEYS];
        for (int i = 0; i < STORE_KEYS; i++) {
            entries[i] = new CacheEntry(key(i), new byte[64 + i % 192], NOW, Optional.of(NOW.plusSeconds(3600)));
        }
        return entries;
    }

    /** Each thread's walk over the store keys (a stride coprime with their number, so every key comes up). */
    @State(Scope.Thread)
    public static class Cursor {
        private int position;

        int next() {
            position = (position + 7919) % STORE_KEYS;
            return position;
        }
    }
}
