package app.ret.domain.cache;

/**
 * Counters of one tier since it started: reads that found a live entry, reads that did not, and
 * entries the tier dropped on its own (bounds or expiry, not deletes asked for).
 */
public record CacheStatistics(long hits, long misses, long evictions) {
    public CacheStatistics {
        if (hits < 0 || misses < 0 || evictions < 0) {
            throw new IllegalArgumentException("cache counters cannot be negative");
        }
    }

    public double hitRate() {
        long reads = hits + misses;
        return reads == 0 ? 0.0 : (double) hits / reads;
    }
}
