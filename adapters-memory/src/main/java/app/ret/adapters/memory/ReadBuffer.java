package app.ret.adapters.memory;

import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Consumer;

/**
 * A lossy record of recent reads: a few small ring buffers, each thread writing to the one its id
 * hashes to, so two readers rarely touch the same cache line. Many threads may {@link #offer};
 * only one at a time (the holder of the owner's lock) may {@link #drain}. An offer that finds its
 * stripe full or loses a race is dropped.
 */
final class ReadBuffer<T> {
    static final int SLOTS_PER_STRIPE = 32;
    private static final int SLOT_MASK = SLOTS_PER_STRIPE - 1;
    /** Counters of different stripes 128 bytes apart, so they never share a cache line. */
    private static final int COUNTER_SPACING = 16;
    private static final int READ_COUNTER = COUNTER_SPACING / 2;

    private final int stripeMask;
    /** Per stripe: the write counter at {@code stripe * COUNTER_SPACING}, the read counter {@code READ_COUNTER} later. */
    private final AtomicLongArray counters;
    private final AtomicReferenceArray<T> slots;

    ReadBuffer(int processors) {
        int stripes = Integer.highestOneBit(Math.max(4, processors * 4) - 1) << 1;
        this.stripeMask = stripes - 1;
        this.counters = new AtomicLongArray(stripes * COUNTER_SPACING);
        this.slots = new AtomicReferenceArray<>(stripes * SLOTS_PER_STRIPE);
    }

    /** Notes a read; true when the calling thread's stripe is now full and should be drained. */
    boolean offer(T item) {
        int stripe = stripeOfCurrentThread();
        int writeIndex = stripe * COUNTER_SPACING;
        long tail = counters.get(writeIndex);
        long size = tail - counters.get(writeIndex + READ_COUNTER);
        if (size >= SLOTS_PER_STRIPE) {
            return true;
        }
        if (!counters.compareAndSet(writeIndex, tail, tail + 1)) {
            return false;
        }
        slots.lazySet(stripe * SLOTS_PER_STRIPE + (int) (tail & SLOT_MASK), item);
        return size + 1 >= SLOTS_PER_STRIPE;
    }

    /** Hands every published item to {@code consumer}, oldest first per stripe. Single consumer only. */
    void drain(Consumer<T> consumer) {
        for (int stripe = 0; stripe <= stripeMask; stripe++) {
            int writeIndex = stripe * COUNTER_SPACING;
            long head = counters.get(writeIndex + READ_COUNTER);
            long tail = counters.get(writeIndex);
            if (head == tail) {
                continue;
            }
            for (; head < tail; head++) {
                int slot = stripe * SLOTS_PER_STRIPE + (int) (head & SLOT_MASK);
                T item = slots.get(slot);
                if (item == null) {
                    // Claimed but not yet published: the next drain takes it from here.
                    break;
                }
                slots.lazySet(slot, null);
                consumer.accept(item);
            }
            counters.lazySet(writeIndex + READ_COUNTER, head);
        }
    }

    private int stripeOfCurrentThread() {
        long id = Thread.currentThread().getId();
        return (int) ((id * 0x9E3779B97F4A7C15L) >>> 40) & stripeMask;
    }
}
