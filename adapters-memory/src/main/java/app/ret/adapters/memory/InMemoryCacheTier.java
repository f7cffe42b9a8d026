package app.ret.adapters.memory;

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
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * The memory tier: at most {@code maxEntries} entries and {@code maxBytes} value bytes, the least
 * recently used going first.
 *
 * <p>Reads take no lock: they look the key up in a concurrent map and note the access in a
 * {@link ReadBuffer}; the recency list is only reordered under the lock, by whichever writer (or
 * reader whose buffer filled up) holds it next. Writes take the lock, replay the noted reads, then
 * link, unlink and evict in O(1). When the buffer cannot keep up, accesses are dropped, which
 * costs a little LRU precision and never correctness.
 */
public final class InMemoryCacheTier implements CacheTier {
    private final int maxEntries;
    private final long maxBytes;
    private final ConcurrentHashMap<CacheKey, Node> nodes = new ConcurrentHashMap<>();
    private final ReadBuffer<Node> recentReads = new ReadBuffer<>(Runtime.getRuntime().availableProcessors());
    private final ReentrantLock lock = new ReentrantLock();
    /** Sentinel of the circular recency list: {@code eldest.next} is the least recently used. */
    private final Node eldest = new Node(null, null);
    private final Consumer<Node> replayRead = node -> {
        if (node.isLinked()) {
            moveToNewest(node);
        }
    };
    private final LongAdder hits = new LongAdder();
    private final LongAdder misses = new LongAdder();
    private final LongAdder evictions = new LongAdder();
    private int entryCount;
    private long byteCount;

    public InMemoryCacheTier(int maxEntries, long maxBytes) {
        if (maxEntries < 1) {
            throw new IllegalArgumentException("the memory tier must hold at least one entry");
        }
        if (maxBytes < 1) {
            throw new IllegalArgumentException("the memory tier must hold at least one byte");
        }
        this.maxEntries = maxEntries;
        this.maxBytes = maxBytes;
        eldest.previous = eldest;
        eldest.next = eldest;
    }

    @Override
    public Optional<CacheEntry> get(CacheKey key, Instant now) {
        Node node = nodes.get(key);
        if (node == null) {
            misses.increment();
            return Optional.empty();
        }
        CacheEntry entry = node.entry;
        if (entry.expiredAt(now)) {
            misses.increment();
            dropExpired(node, entry);
            return Optional.empty();
        }
        hits.increment();
        if (recentReads.offer(node)) {
            replayReadsIfLockIsFree();
        }
        return Optional.of(entry);
    }

    @Override
    public void put(CacheEntry entry) {
        lock.lock();
        try {
            replayReads();
            Node node = nodes.get(entry.key());
            if (entry.size() > maxBytes) {
                if (node != null) {
                    unlinkAndForget(node);
                }
                return;
            }
            if (node == null) {
                node = new Node(entry.key(), entry);
                nodes.put(entry.key(), node);
                linkAsNewest(node);
                entryCount++;
                byteCount += entry.size();
            } else {
                byteCount += entry.size() - node.entry.size();
                node.entry = entry;
                moveToNewest(node);
            }
            while (entryCount > maxEntries || byteCount > maxBytes) {
                unlinkAndForget(eldest.next);
                evictions.increment();
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public boolean delete(CacheKey key, Instant now) {
        lock.lock();
        try {
            Node node = nodes.get(key);
            if (node == null) {
                return false;
            }
            unlinkAndForget(node);
            return !node.entry.expiredAt(now);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public Set<CacheKey> deleteByPrefix(CacheKeyPrefix prefix, Instant now) {
        lock.lock();
        try {
            Set<CacheKey> removedLive = new HashSet<>();
            for (Node node : new ArrayList<>(nodes.values())) {
                if (prefix.matches(node.key)) {
                    unlinkAndForget(node);
                    if (!node.entry.expiredAt(now)) {
                        removedLive.add(node.key);
                    }
                }
            }
            return removedLive;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public List<CacheEntrySummary> list(CacheKeyPrefix prefix, Instant now) {
        List<CacheEntrySummary> live = new ArrayList<>();
        for (Node node : nodes.values()) {
            CacheEntry entry = node.entry;
            if (prefix.matches(node.key) && !entry.expiredAt(now)) {
                live.add(entry.summary());
            }
        }
        live.sort(Comparator.comparing(CacheEntrySummary::key));
        return live;
    }

    @Override
    public int purgeExpired(Instant now, int limit) {
        lock.lock();
        try {
            int purged = 0;
            Node node = eldest.next;
            while (node != eldest && purged < limit) {
                Node next = node.next;
                if (node.entry.expiredAt(now)) {
                    unlinkAndForget(node);
                    purged++;
                }
                node = next;
            }
            evictions.add(purged);
            return purged;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public CacheStatistics statistics() {
        return new CacheStatistics(hits.sum(), misses.sum(), evictions.sum());
    }

    /** Entries held now. */
    public int entryCount() {
        lock.lock();
        try {
            return entryCount;
        } finally {
            lock.unlock();
        }
    }

    /** Value bytes held now. */
    public long byteCount() {
        lock.lock();
        try {
            return byteCount;
        } finally {
            lock.unlock();
        }
    }

    private void dropExpired(Node node, CacheEntry expired) {
        lock.lock();
        try {
            // Only if nobody replaced or removed it since we looked.
            if (node.entry == expired && nodes.get(node.key) == node) {
                unlinkAndForget(node);
                evictions.increment();
            }
        } finally {
            lock.unlock();
        }
    }

    private void replayReadsIfLockIsFree() {
        if (lock.tryLock()) {
            try {
                replayReads();
            } finally {
                lock.unlock();
            }
        }
    }

    private void replayReads() {
        recentReads.drain(replayRead);
    }

    private void linkAsNewest(Node node) {
        Node newest = eldest.previous;
        node.previous = newest;
        node.next = eldest;
        newest.next = node;
        eldest.previous = node;
    }

    private void moveToNewest(Node node) {
        if (eldest.previous == node) {
            return;
        }
        node.previous.next = node.next;
        node.next.previous = node.previous;
        linkAsNewest(node);
    }

    private void unlinkAndForget(Node node) {
        node.previous.next = node.next;
        node.next.previous = node.previous;
        node.previous = null;
        node.next = null;
        nodes.remove(node.key, node);
        entryCount--;
        byteCount -= node.entry.size();
    }

    private static final class Node {
        final CacheKey key;
        volatile CacheEntry entry;
        /** Guarded by the tier's lock; both null once the node has left the list. */
        Node previous;
        Node next;

        Node(CacheKey key, CacheEntry entry) {
            this.key = key;
            this.entry = entry;
        }

        boolean isLinked() {
            return next != null;
        }
    }
}
