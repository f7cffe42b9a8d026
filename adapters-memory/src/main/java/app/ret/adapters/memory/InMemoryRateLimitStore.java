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
 * Fixed-window counters in one process, without locks: each key holds an immutable
 * {@link FixedWindow} that a check replaces by compare-and-set, so a check is one map lookup and at
 * most one CAS (a refused check writes nothing).
 *
 * <p>Memory stays bounded without a background thread: at most once per window length, a check
 * sweeps out the windows that have closed; and when {@code maxKeys} keys are held, a new key first
 * makes room by dropping the windows closest to closing (ADR 0004). Concurrent newcomers may overshoot
 * {@code maxKeys} by at most one key per thread while room is being made.
 */
public final class InMemoryRateLimitStore implements RateLimitStore {
    public static final int DEFAULT_MAX_KEYS = 100_000;

    /** Marks a slot taken out of the map; whoever meets it looks the key up again. */
    private static final FixedWindow REMOVED = new FixedWindow(Instant.EPOCH, 0);
    private static final Comparator<Held> CLOSEST_TO_CLOSING = Comparator.comparing(held -> held.window().endsAt());

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
                if (slots.putIfAbsent(key, new Slot(opened.window())) == null) {
                    return opened;
                }
                continue;
            }
            FixedWindow current = slot.window;
            if (current == REMOVED) {
                slots.remove(key, slot);
                continue;
            }
            RateLimitDecision decision = policy.admit(current, now);
            if (!(decision instanceof RateLimitDecision.Allowed allowed) || slot.replace(current, allowed.window())) {
                return decision;
            }
        }
    }

    @Override
    public void release(RateLimitKey key, RateLimitDecision.Allowed grant) {
        Slot slot = slots.get(key);
        if (slot == null) {
            return;
        }
        while (true) {
            FixedWindow current = slot.window;
            if (current == REMOVED) {
                return;
            }
            FixedWindow released = current.releasing(grant.window());
            if (released == current || slot.replace(current, released)) {
                return;
            }
        }
    }

    @Override
    public void clear(RateLimitKey key) {
        Slot slot = slots.get(key);
        if (slot != null) {
            slot.window = REMOVED;
            slots.remove(key, slot);
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
            List<Held> open = new ArrayList<>(slots.size());
            slots.forEach((key, slot) -> {
                FixedWindow window = slot.window;
                if (window != REMOVED) {
                    open.add(new Held(key, slot, window));
                }
            });
            int excess = open.size() - keysAfterMakingRoom;
            if (excess > 0) {
                open.sort(CLOSEST_TO_CLOSING);
                open.subList(0, excess).forEach(held -> remove(held.key(), held.slot(), held.window()));
            }
        } finally {
            maintenance.unlock();
        }
    }

    private void removeClosed(Instant now) {
        slots.forEach((key, slot) -> {
            FixedWindow window = slot.window;
            if (window != REMOVED && window.isClosedAt(now)) {
                remove(key, slot, window);
            }
        });
    }

    /** Takes the slot out only while it still holds {@code seen}; a slot counted in meanwhile stays. */
    private void remove(RateLimitKey key, Slot slot, FixedWindow seen) {
        if (slot.replace(seen, REMOVED)) {
            slots.remove(key, slot);
        }
    }

    private record Held(RateLimitKey key, Slot slot, FixedWindow window) {}

    private static final class Slot {
        private static final VarHandle WINDOW;

        static {
            try {
                WINDOW = MethodHandles.lookup().findVarHandle(Slot.class, "window", FixedWindow.class);
            } catch (ReflectiveOperationException e) {
                throw new ExceptionInInitializerError(e);
            }
        }

        private volatile FixedWindow window;

        Slot(FixedWindow window) {
            this.window = window;
        }

        boolean replace(FixedWindow expected, FixedWindow next) {
            return WINDOW.compareAndSet(this, expected, next);
        }
    }
}
