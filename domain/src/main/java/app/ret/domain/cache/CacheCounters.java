package app.ret.domain.cache;

import java.util.concurrent.atomic.LongAdder;

/** A tier's running counts, bumped from any number of threads and read as {@link CacheStatistics}. */
public final class CacheCounters {
    private final LongAdder hits = new LongAdder();
    private final LongAdder misses = new LongAdder();
    private final LongAdder evictions = new LongAdder();

    /** A read that found a live entry, or one that did not. */
    public void read(boolean found) {
        (found ? hits : misses).increment();
    }

    /** Entries the tier dropped on its own (bounds or expiry), not deletes asked for. */
    public void evicted(long count) {
        evictions.add(count);
    }

    public CacheStatistics statistics() {
        return new CacheStatistics(hits.sum(), misses.sum(), evictions.sum());
    }
}
