package app.ret.adapters.memory;

import app.ret.domain.ratelimit.FixedWindow;
import app.ret.domain.ratelimit.RateLimit;
import app.ret.domain.ratelimit.RateLimitDecision;
import app.ret.domain.ratelimit.RateLimitKey;
import app.ret.ports.out.RateLimitStore;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Fixed-window counters in one process, without locks. Each key holds a slot for its current
 * window: the window's end, fixed, and its admitted count, moved by compare-and-set. A check is one
 * map lookup and at most one CAS on an int (a refused check writes nothing); only the first request
 * of a window puts a new slot in place.
 *
 * <p>A slot leaves the map only after its count was swapped for {@code RETIRED}, so a check can never
 * count into a slot that is gone. Memory stays bounded without a background thread: at most once per
 * window length, a check sweeps out the windows that have closed; and when {@code maxKeys} keys are
 * held, a new key first makes room by dropping the windows closest to closing (ADR 0004). Concurrent
 * newcomers may overshoot {@code maxKeys} by at most one key per thread.
 */
public final class InMemoryRateLimitStore implements RateLimitStore {
    public static final int DEFAULT_MAX_KEYS = 100_000;

    private static final int RETIRED = -1;
    private static final Comparator<Held> CLOSEST_TO_CLOSING = Comparator.comparing(held -> held.slot().endsAt);

    private final int maxKeys;
    private final int keysAfterMakingRoom;
    private final ConcurrentHashMap<RateLimitKey, Slot> slots = new ConcurrentHashMap<>();
    private final ReentrantLock maintenance = new ReentrantLock();
    private volatile long nextSweepEpochMilli = Long.MIN_VALUE;

    public InMemoryRateLimitStore() {
        this(DEFAULT_MAX_KEYS);
    }

    public InMemoryRateLimitStore(int maxKeys) {
        if (maxKeys < 1) {
            throw new IllegalArgumentException("a rate-limit store must hold at least one key");
        }
        this.maxKeys = maxKeys;
        // Making room frees an eighth at once, so a flood of new keys pays for one scan per many keys.
        this.keysAfterMakingRoom = maxKeys - Math.max(1, maxKeys / 8);
    }

    @Override
    public RateLimitDecision acquire(RateLimitKey key, RateLimit policy, Instant now) {
        sweepIfDue(policy, now);
        while (true) {
            Slot slot = slots.get(key);
            if (slot == null) {
                if (slots.size() >= maxKeys) {
                    makeRoom(now);
                }
                RateLimitDecision.Allowed opened = policy.open(now);
                if (slots.putIfAbsent(key, new Slot(opened)) == null) {
                    return opened;
                }
                continue;
            }
            int admitted = slot.admitted;
            if (admitted == RETIRED) {
                slots.remove(key, slot);
                continue;
            }
            RateLimitDecision decision = policy.admit(new FixedWindow(slot.endsAt, admitted), now);
            if (!(decision instanceof RateLimitDecision.Allowed allowed)) {
                return decision;
            }
            if (allowed.windowEndsAt().equals(slot.endsAt)) {
                if (slot.swap(admitted, allowed.admitted())) {
                    return decision;
                }
            } else if (slot.swap(admitted, RETIRED) && slots.replace(key, slot, new Slot(allowed))) {
                return decision;
            }
            // Lost a race (a concurrent count, or another caller cleared the retired slot first): count again.
        }
    }

    @Override
    public void release(RateLimitKey key, RateLimitDecision.Allowed grant) {
        Slot slot = slots.get(key);
        if (slot == null) {
            return;
        }
        while (true) {
            int admitted = slot.admitted;
            if (admitted == RETIRED) {
                return;
            }
            int released = new FixedWindow(slot.endsAt, admitted).releasing(grant.window()).admitted();
            if (released == admitted || slot.swap(admitted, released)) {
                return;
            }
        }
    }

    @Override
    public void clear(RateLimitKey key) {
        Slot slot = slots.get(key);
        if (slot != null) {
            retire(key, slot);
        }
    }

    /** How many keys hold a window right now. */
    public int keyCount() {
        return slots.size();
    }

    private void sweepIfDue(RateLimit policy, Instant now) {
        long nowEpochMilli = now.toEpochMilli();
        if (nowEpochMilli < nextSweepEpochMilli || !maintenance.tryLock()) {
            return;
        }
        try {
            nextSweepEpochMilli = nowEpochMilli + policy.window().toMillis();
            removeClosed(now);
        } finally {
            maintenance.unlock();
        }
    }

    /** Newcomers wait here while one of them makes room, so a flood cannot slip past a running scan. */
    private void makeRoom(Instant now) {
        maintenance.lock();
        try {
            if (slots.size() < maxKeys) {
                return;
            }
            removeClosed(now);
            List<Held> held = new ArrayList<>(slots.size());
            slots.forEach((key, slot) -> held.add(new Held(key, slot)));
            int excess = held.size() - keysAfterMakingRoom;
            if (excess > 0) {
                held.sort(CLOSEST_TO_CLOSING);
                held.subList(0, excess).forEach(victim -> retire(victim.key(), victim.slot()));
            }
        } finally {
            maintenance.unlock();
        }
    }

    private void removeClosed(Instant now) {
        slots.forEach((key, slot) -> {
            if (!now.isBefore(slot.endsAt)) {
                retire(key, slot);
            }
        });
    }

    private void retire(RateLimitKey key, Slot slot) {
        while (true) {
            int admitted = slot.admitted;
            if (admitted == RETIRED) {
                return;
            }
            if (slot.swap(admitted, RETIRED)) {
                slots.remove(key, slot);
                return;
            }
        }
    }

    private record Held(RateLimitKey key, Slot slot) {}

    /** One window of one key: its end never changes, its count only through {@link #swap}. */
    private static final class Slot {
        private static final VarHandle ADMITTED;

        static {
            try {
                ADMITTED = MethodHandles.lookup().findVarHandle(Slot.class, "admitted", int.class);
            } catch (ReflectiveOperationException e) {
                throw new ExceptionInInitializerError(e);
            }
        }

        final Instant endsAt;
        volatile int admitted;

        Slot(RateLimitDecision.Allowed opening) {
            this.endsAt = opening.windowEndsAt();
            this.admitted = opening.admitted();
        }

        boolean swap(int expected, int next) {
            return ADMITTED.compareAndSet(this, expected, next);
        }
    }
}
