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

    /**
     * Retires every entry whose key starts with {@code prefix}: from when this returns no get or
     * list sees them (a durable tier records the retirement durably, in one short transaction
     * whatever the number of entries, so it holds across a crash), and {@link #purgeRetired}
     * removes them later. Returns how many entries it held under the prefix: the live ones, and, in
     * a tier that counts rather than looks, expired ones no sweep has removed yet. Retiring a
     * prefix again is harmless.
     */
    int retire(CacheKeyPrefix prefix, Instant now);

    /**
     * Removes at most {@code limit} entries under retired prefixes, and forgets a retirement once
     * nothing is left under it; returns how many entries it removed, 0 only when nothing retired
     * is left that this call could take (a shared store's other instance may be purging the rest).
     */
    int purgeRetired(int limit);

    /** The live entries whose key starts with {@code prefix}, sorted by key. */
    List<CacheEntrySummary> list(CacheKeyPrefix prefix, Instant now);

    /** Removes at most {@code limit} expired entries; returns how many it removed. */
    int purgeExpired(Instant now, int limit);

    CacheStatistics statistics();
}
