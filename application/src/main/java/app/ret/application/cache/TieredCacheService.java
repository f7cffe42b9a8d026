package app.ret.application.cache;

import app.ret.domain.cache.CacheEntry;
import app.ret.domain.cache.CacheEntrySummary;
import app.ret.domain.cache.CacheKey;
import app.ret.domain.cache.CacheKeyPrefix;
import app.ret.domain.cache.SessionCacheNamespace;
import app.ret.domain.cleanup.CleanupReport;
import app.ret.domain.cleanup.RemovedResource;
import app.ret.domain.session.SessionId;
import app.ret.ports.in.CacheUseCase;
import app.ret.ports.out.CacheTier;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Write-through over two tiers. Whatever the memory tier holds, the persistent tier holds too
 * (written first, so a failed durable write leaves memory untouched); memory evictions therefore
 * lose nothing, and a miss in memory is answered from disk and promoted with its original expiry.
 *
 * <p>Per-key locks (striped) order every change of a key across the two tiers: without them a
 * promotion could put back a value that a concurrent write or delete had just replaced, or two
 * writers could leave memory and disk holding different values. Memory hits take no lock.
 * Prefix deletion takes every stripe, so no promotion can resurrect an entry it removes.
 *
 * <p>When other instances share the persistent tier, their changes arrive as notices:
 * {@link #forget} drops this memory tier's copy under the same key lock (so a promotion that read
 * the old value cannot outlive the notice). While notices may be missed, the memory tier is not
 * trusted: reads go to the persistent tier and promote nothing, until {@link #trustMemoryAgain}
 * empties it.
 */
public final class TieredCacheService implements CacheUseCase {
    private static final System.Logger LOG = System.getLogger(TieredCacheService.class.getName());
    static final int PURGE_BATCH = 500;
    private static final int STRIPES = 64;

    private final Clock clock;
    private final CacheTier memory;
    private final CacheTier persistent;
    private final Duration defaultTtl;
    private final ReentrantLock[] keyLocks = new ReentrantLock[STRIPES];
    private final Executor background;
    private final AtomicBoolean purgeScheduled = new AtomicBoolean();
    private volatile boolean memoryTrusted = true;

    /** {@code background} runs the purges of retired entries that session endings ask for. */
    public TieredCacheService(Clock clock, CacheDependencies tiers, Executor background) {
        this.clock = clock;
        this.background = background;
        this.memory = tiers.memory();
        this.persistent = tiers.persistent();
        this.defaultTtl = tiers.defaultTtl();
        for (int i = 0; i < STRIPES; i++) {
            keyLocks[i] = new ReentrantLock();
        }
    }

    public Duration defaultTtl() {
        return defaultTtl;
    }

    @Override
    public Optional<CacheEntry> get(CacheKey key) {
        Instant now = clock.instant();
        if (memoryTrusted) {
            Optional<CacheEntry> hit = memory.get(key, now);
            if (hit.isPresent()) {
                return hit;
            }
        }
        ReentrantLock lock = lockOf(key);
        lock.lock();
        try {
            Optional<CacheEntry> stored = persistent.get(key, now);
            if (memoryTrusted) {
                stored.ifPresent(memory::put);
            }
            return stored;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public CacheEntry put(CacheKey key, byte[] value) {
        return put(key, value, defaultTtl);
    }

    @Override
    public CacheEntry put(CacheKey key, byte[] value, Duration ttl) {
        CacheEntry entry = CacheEntry.expiring(key, value, clock.instant(), ttl);
        put(entry);
        return entry;
    }

    public void put(CacheEntry entry) {
        ReentrantLock lock = lockOf(entry.key());
        lock.lock();
        try {
            persistent.put(entry);
            memory.put(entry);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public boolean delete(CacheKey key) {
        ReentrantLock lock = lockOf(key);
        lock.lock();
        try {
            Instant now = clock.instant();
            boolean durable = persistent.delete(key, now);
            boolean held = memory.delete(key, now);
            return durable || held;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public int deleteByPrefix(CacheKeyPrefix prefix) {
        Set<CacheKey> removed = new HashSet<>();
        withEveryKeyLocked(() -> {
            Instant now = clock.instant();
            removed.addAll(persistent.deleteByPrefix(prefix, now));
            removed.addAll(memory.deleteByPrefix(prefix, now));
        });
        return removed.size();
    }

    /** Another instance changed {@code key}: this memory tier's copy goes, and the next read asks the persistent tier. */
    public void forget(CacheKey key) {
        ReentrantLock lock = lockOf(key);
        lock.lock();
        try {
            memory.delete(key, clock.instant());
        } finally {
            lock.unlock();
        }
    }

    /** Another instance deleted everything under {@code prefix}. */
    public void forget(CacheKeyPrefix prefix) {
        withEveryKeyLocked(() -> memory.deleteByPrefix(prefix, clock.instant()));
    }

    /** Changes by other instances may go unnoticed from now on: serve from the persistent tier only. */
    public void distrustMemory() {
        memoryTrusted = false;
        withEveryKeyLocked(this::emptyMemory);
    }

    /**
     * Changes are noticed again: whatever the memory tier held may have changed meanwhile, so it is
     * emptied (every key locked, so no write or promotion straddles it) before it serves again.
     */
    public void trustMemoryAgain() {
        withEveryKeyLocked(() -> {
            emptyMemory();
            memoryTrusted = true;
        });
    }

    private void emptyMemory() {
        Instant now = clock.instant();
        CacheKeyPrefix.coveringEveryKey().forEach(prefix -> memory.deleteByPrefix(prefix, now));
    }

    private void withEveryKeyLocked(Runnable work) {
        for (ReentrantLock lock : keyLocks) {
            lock.lock();
        }
        try {
            work.run();
        } finally {
            for (int i = keyLocks.length - 1; i >= 0; i--) {
                keyLocks[i].unlock();
            }
        }
    }

    @Override
    public List<CacheEntrySummary> list(CacheKeyPrefix prefix) {
        return persistent.list(prefix, clock.instant());
    }

    @Override
    public int sweepExpired() {
        Instant now = clock.instant();
        purgeInBatches(memory, now);
        return purgeInBatches(persistent, now);
    }

    /** Each batch is its own short transaction, so writers are never held up for a whole sweep. */
    private static int purgeInBatches(CacheTier tier, Instant now) {
        int total = 0;
        int purged;
        do {
            purged = tier.purgeExpired(now, PURGE_BATCH);
            total += purged;
        } while (purged == PURGE_BATCH);
        return total;
    }

    @Override
    public Statistics statistics() {
        return new Statistics(memory.statistics(), persistent.statistics());
    }

    /**
     * A session's every entry, whichever feature wrote it, from both tiers: its part of a session
     * ending. The persistent tier retires them (unreachable from now on, durably, in one short
     * transaction whatever their number) and reports how many there were; the memory tier drops
     * its copies, every key locked so no promotion that read them before the retirement outlives
     * it; the rows are deleted in the background ({@link #purgeRetired}), which the session sweep
     * and the next start also run, so a crash in between leaves nothing for long.
     */
    public CleanupReport purgeSession(SessionId sessionId) {
        CacheKeyPrefix everything = new SessionCacheNamespace(sessionId).everything();
        int held = persistent.retire(everything, clock.instant());
        withEveryKeyLocked(() -> memory.retire(everything, clock.instant()));
        purgeRetiredSoon();
        return CleanupReport.of(RemovedResource.CACHE_ENTRIES, held);
    }

    /** Deletes what retirements left, in short batches; returns how many entries went. */
    public int purgeRetired() {
        int total = 0;
        int purged;
        while ((purged = persistent.purgeRetired(PURGE_BATCH)) > 0) {
            total += purged;
        }
        return total;
    }

    /** One background purge at a time; a retirement made while one runs starts another after it. */
    private void purgeRetiredSoon() {
        if (purgeScheduled.compareAndSet(false, true)) {
            background.execute(() -> {
                purgeScheduled.set(false);
                try {
                    purgeRetired();
                } catch (RuntimeException e) {
                    LOG.log(System.Logger.Level.ERROR, "purging retired cache entries failed; the next session sweep tries again", e);
                }
            });
        }
    }

    private ReentrantLock lockOf(CacheKey key) {
        int hash = key.hashCode();
        return keyLocks[(hash ^ (hash >>> 16)) & (STRIPES - 1)];
    }
}
