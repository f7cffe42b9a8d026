package app.ret.ports.out;

import app.ret.domain.cache.CacheEntry;
import app.ret.domain.cache.CacheEntrySummary;
import app.ret.domain.cache.CacheKey;
import app.ret.domain.cache.CacheKeyPrefix;
import app.ret.domain.cache.CacheStatistics;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One level of the cache (the bounded memory tier, the durable SQLite tier). The caller passes
 * the current time; an entry is live while {@code now} is before its expiry, and an expired entry
 * is never returned, listed or counted, whether or not it has been physically removed yet.
 */
public interface CacheTier {
    /** The live entry under {@code key}, if any. */
    Optional<CacheEntry> get(CacheKey key, Instant now);

    /**
     * Stores the entry, replacing any entry under the same key. A durable tier has made it durable
     * when this returns; a bounded tier may decline an entry larger than its bounds, and then
     * holds no entry under that key.
     */
    void put(CacheEntry entry);

    /** Removes the entry under {@code key}; true when it was live. */
    boolean delete(CacheKey key, Instant now);

    /**
     * Removes every entry whose key starts with {@code prefix} (a literal, case-sensitive match);
     * returns the keys of those that were live.
     */
    Set<CacheKey> deleteByPrefix(CacheKeyPrefix prefix, Instant now);

    /** The live entries whose key starts with {@code prefix}, sorted by key. */
    List<CacheEntrySummary> list(CacheKeyPrefix prefix, Instant now);

    /** Removes at most {@code limit} expired entries; returns how many it removed. */
    int purgeExpired(Instant now, int limit);

    CacheStatistics statistics();
}
