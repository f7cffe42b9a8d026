package app.ret.ports.in;

import app.ret.domain.cache.CacheEntry;
import app.ret.domain.cache.CacheEntrySummary;
import app.ret.domain.cache.CacheKey;
import app.ret.domain.cache.CacheKeyPrefix;
import app.ret.domain.cache.CacheStatistics;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The two-tier cache: a bounded memory tier in front of a durable SQLite tier. Writes go through
 * to both (durable first); reads are served from memory, else from disk and promoted; entries the
 * memory tier evicts stay on disk.
 */
public interface CacheUseCase {
    Optional<CacheEntry> get(CacheKey key);

    /** Stores the value for the default time to live; durable when this returns. */
    CacheEntry put(CacheKey key, byte[] value);

    /** Stores the value for {@code ttl}; durable when this returns. */
    CacheEntry put(CacheKey key, byte[] value, Duration ttl);

    /** True when a live entry was removed (from either tier). */
    boolean delete(CacheKey key);

    /** Removes the keys under {@code prefix} from both tiers; returns how many distinct live keys went. */
    int deleteByPrefix(CacheKeyPrefix prefix);

    /** The live entries under {@code prefix}, sorted by key. */
    List<CacheEntrySummary> list(CacheKeyPrefix prefix);

    /** Removes expired entries from both tiers in bounded batches; returns how many durable entries went. */
    int sweepExpired();

    Statistics statistics();

    record Statistics(CacheStatistics memory, CacheStatistics persistent) {}
}
