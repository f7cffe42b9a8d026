package app.ret.adapters.memory;

import app.ret.domain.cache.CacheCounters;
import app.ret.domain.cache.CacheEntry;
import app.ret.domain.cache.CacheEntrySummary;
import app.ret.domain.cache.CacheKey;
import app.ret.domain.cache.CacheKeyPrefix;
import app.ret.domain.cache.CacheStatistics;
import app.ret.ports.out.CacheTier;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * The memory tier: at most {@code maxEntries} entries and {@code maxBytes} value bytes, the least
 * recently used going first.
 *
 * <p>Nobody waits for anybody. The entries live in a concurrent map that reads and writes use
 * directly. The recency list that decides evictions is kept by whichever thread holds the lock —
 * taken with {@code tryLock} only — which replays the reads noted in a {@link ReadBuffer},
 * reconciles the list with the nodes that writes queued, and evicts from the old end; whoever
 * releases the lock looks again for queued work, so none is stranded. Linking, moving and
 * evicting are O(1). The bounds hold whenever no write is in flight; while writes race they can be
 * passed by at most {@link #MAX_BACKLOG} entries: a writer that finds that many nodes waiting
 * waits for the lock and does the work itself, so a descheduled lock holder cannot let the map
 * grow without bound.
 *
 * <p>Two approximations keep reads cheap, both in the spirit of LRU: a read is not noted when the
 * entry is already among the most recently moved quarter of the capacity (moving it again would not
 * change what is evicted next), and a read is dropped when its buffer is full.
 */
public final class InMemoryCacheTier implements CacheTier {
    private static final int PADDED_SLOT = 8;
    static final int MAX_BACKLOG = 16 * Runtime.getRuntime().availableProcessors();
    /** Room for the bound plus the backlog without resizing, up to a size worth allocating up front. */
    private static final int MAX_PRESIZE = 1 << 16;

    private final int maxEntries;
    private final long maxBytes;
    /** Reads of an entry moved fewer than this many moves ago are not noted. */
    private final long bumpDistance;
    private final ConcurrentHashMap<CacheKey, Node> nodes;
    private final ReadBuffer<Node> recentReads = new ReadBuffer<>(Runtime.getRuntime().availableProcessors());
    /** Nodes a write added to or removed from the map, for the lock holder to reconcile with the list. */
    private final Queue<Node> changedNodes = new ConcurrentLinkedQueue<>();
    private final AtomicInteger backlog = new AtomicInteger();
    private final ReentrantLock lock = new ReentrantLock();
    /** How many times a node was made the newest, alone on its cache line: the lock holder writes it, readers read it. */
    private final AtomicLongArray moves = new AtomicLongArray(2 * PADDED_SLOT);
    /** The list and its totals, touched only by the lock holder, kept off the fields every read uses. */
    private final RecencyList list = new RecencyList();
    private final Consumer<Node> replayRead = this::moveIfLinked;
    private final CacheCounters counters = new CacheCounters();

    public InMemoryCacheTier(int maxEntries, long maxBytes) {
        if (maxEntries < 1) {
            throw new IllegalArgumentException("the memory tier must hold at least one entry");
        }
        if (maxBytes < 1) {
            throw new IllegalArgumentException("the memory tier must hold at least one byte");
        }
        this.maxEntries = maxEntries;
        this.maxBytes = maxBytes;
        this.bumpDistance = maxEntries / 4;
        this.nodes = new ConcurrentHashMap<>(Math.min(maxEntries + MAX_BACKLOG, MAX_PRESIZE));
    }

    @Override
    public Optional<CacheEntry> get(CacheKey key, Instant now) {
        Node node = nodes.get(key);
        if (node == null) {
            counters.read(false);
            return Optional.empty();
        }
        if (node.expiredAt(now.toEpochMilli())) {
            counters.read(false);
            if (nodes.remove(key, node)) {
                counters.evicted(1);
                changed(node);
            }
            return Optional.empty();
        }
        counters.read(true);
        if (moves.get(PADDED_SLOT) - node.movedAt >= bumpDistance && recentReads.offer(node)) {
            maintainIfLockIsFree();
        }
        return node.found;
    }

    @Override
    public void put(CacheEntry entry) {
        if (entry.size() > maxBytes) {
            Node stale = nodes.remove(entry.key());
            if (stale != null) {
                changed(stale);
            }
            return;
        }
        Node node = new Node(entry);
        // Replaced in one step, so a concurrent reader sees the old version or the new, never none.
        Node previous = nodes.put(entry.key(), node);
        if (previous != null) {
            queue(previous);
        }
        changed(node);
    }

    @Override
    public boolean delete(CacheKey key, Instant now) {
        Node removed = nodes.remove(key);
        if (removed == null) {
            return false;
        }
        changed(removed);
        return !removed.expiredAt(now.toEpochMilli());
    }

    @Override
    public Set<CacheKey> deleteByPrefix(CacheKeyPrefix prefix, Instant now) {
        Set<CacheKey> removedLive = new HashSet<>();
        long nowMillis = now.toEpochMilli();
        for (Node node : nodes.values()) {
            if (prefix.matches(node.key) && nodes.remove(node.key, node)) {
                queue(node);
                if (!node.expiredAt(nowMillis)) {
                    removedLive.add(node.key);
                }
            }
        }
        maintainIfLockIsFree();
        return removedLive;
    }

    /** Memory holds at most its bound, and nothing of it outlives the process: a retirement removes at once. */
    @Override
    public int retire(CacheKeyPrefix prefix, Instant now) {
        return deleteByPrefix(prefix, now).size();
    }

    @Override
    public int purgeRetired(int limit) {
        return 0;
    }

    @Override
    public List<CacheEntrySummary> list(CacheKeyPrefix prefix, Instant now) {
        List<CacheEntrySummary> live = new ArrayList<>();
        long nowMillis = now.toEpochMilli();
        for (Node node : nodes.values()) {
            if (prefix.matches(node.key) && !node.expiredAt(nowMillis)) {
                live.add(node.entry.summary());
            }
        }
        live.sort(Comparator.comparing(CacheEntrySummary::key));
        return live;
    }

    @Override
    public int purgeExpired(Instant now, int limit) {
        int purged = 0;
        long nowMillis = now.toEpochMilli();
        for (Node node : nodes.values()) {
            if (purged >= limit) {
                break;
            }
            if (node.expiredAt(nowMillis) && nodes.remove(node.key, node)) {
                queue(node);
                purged++;
            }
        }
        counters.evicted(purged);
        maintainIfLockIsFree();
        return purged;
    }

    @Override
    public CacheStatistics statistics() {
        return counters.statistics();
    }

    /** Entries held once the writes so far are accounted for. */
    public int entryCount() {
        return settled().entries();
    }

    /** Value bytes held once the writes so far are accounted for. */
    public long byteCount() {
        return settled().bytes();
    }

    private record Totals(int entries, long bytes) {}

    private Totals settled() {
        lock.lock();
        try {
            maintain();
            return new Totals(list.entries, list.bytes);
        } finally {
            unlockAndMaintainLeftovers();
        }
    }

    private int queue(Node node) {
        changedNodes.add(node);
        return backlog.incrementAndGet();
    }

    private void changed(Node node) {
        if (queue(node) <= MAX_BACKLOG) {
            maintainIfLockIsFree();
            return;
        }
        lock.lock();
        try {
            maintain();
        } finally {
            unlockAndMaintainLeftovers();
        }
    }

    private void maintainIfLockIsFree() {
        // Looking before trying keeps threads from bouncing the lock's cache line while it is held.
        if (!lock.isLocked() && lock.tryLock()) {
            try {
                maintain();
            } finally {
                unlockAndMaintainLeftovers();
            }
        }
    }

    /**
     * A write queued while we held the lock found it taken and left its node to us; we look after
     * unlocking, and whoever then holds the lock does the same, so every queued node is handled.
     */
    private void unlockAndMaintainLeftovers() {
        lock.unlock();
        while (!changedNodes.isEmpty() && !lock.isLocked() && lock.tryLock()) {
            try {
                maintain();
            } finally {
                lock.unlock();
            }
        }
    }

    /** Under the lock: replay reads, then make the list hold exactly the mapped nodes, then evict. */
    private void maintain() {
        recentReads.drain(replayRead);
        Node node;
        int reconciled = 0;
        while ((node = changedNodes.poll()) != null) {
            reconciled++;
            boolean mapped = nodes.get(node.key) == node;
            if (mapped && !node.isLinked()) {
                linkAsNewest(node);
                list.entries++;
                list.bytes += node.entry.size();
            } else if (!mapped && node.isLinked()) {
                unlink(node);
            }
        }
        backlog.addAndGet(-reconciled);
        while (list.entries > maxEntries || list.bytes > maxBytes) {
            Node eldest = list.sentinel.next;
            if (nodes.remove(eldest.key, eldest)) {
                counters.evicted(1);
            }
            unlink(eldest);
        }
    }

    private void moveIfLinked(Node node) {
        if (node.isLinked() && list.sentinel.previous != node) {
            node.previous.next = node.next;
            node.next.previous = node.previous;
            linkAsNewest(node);
        }
    }

    private void linkAsNewest(Node node) {
        long move = moves.get(PADDED_SLOT) + 1;
        moves.lazySet(PADDED_SLOT, move);
        node.movedAt = move;
        Node newest = list.sentinel.previous;
        node.previous = newest;
        node.next = list.sentinel;
        newest.next = node;
        list.sentinel.previous = node;
    }

    private void unlink(Node node) {
        node.previous.next = node.next;
        node.next.previous = node.previous;
        node.previous = null;
        node.next = null;
        list.entries--;
        list.bytes -= node.entry.size();
    }

    /** The recency list (circular, around a sentinel) and the totals of its nodes; lock holder only. */
    private static final class RecencyList {
        /** {@code sentinel.next} is the least recently used node, {@code sentinel.previous} the newest. */
        final Node sentinel = new Node();
        int entries;
        long bytes;

        RecencyList() {
            sentinel.previous = sentinel;
            sentinel.next = sentinel;
        }
    }

    /**
     * One version of one entry. Immutable apart from its place in the list: replacing an entry
     * maps a new node, so a reader never sees a value with another version's expiry. The expiry
     * is kept here as a number so that a hit needs no hop beyond the node.
     */
    private static final class Node {
        final CacheKey key;
        final CacheEntry entry;
        /** What a hit answers, built once per version so that a hit allocates nothing. */
        final Optional<CacheEntry> found;
        final long expiresAtMillis;
        /** Guarded by the lock; both null while the node is not in the list. */
        Node previous;
        Node next;
        /** The move count when this node was last made the newest; written under the lock. */
        volatile long movedAt;

        /** The list's sentinel. */
        Node() {
            this.key = null;
            this.entry = null;
            this.found = Optional.empty();
            this.expiresAtMillis = Long.MAX_VALUE;
        }

        Node(CacheEntry entry) {
            this.key = entry.key();
            this.entry = entry;
            this.found = Optional.of(entry);
            Optional<Instant> expiresAt = entry.expiresAt();
            this.expiresAtMillis = expiresAt.isPresent() ? expiresAt.get().toEpochMilli() : Long.MAX_VALUE;
        }

        /** The same rule as {@link CacheEntry#expiredAt}: gone at the instant of expiry. */
        boolean expiredAt(long nowMillis) {
            return nowMillis >= expiresAtMillis;
        }

        boolean isLinked() {
            return next != null;
        }
    }
}
