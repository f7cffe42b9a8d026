package app.ret.ports.out;

import app.ret.domain.ratelimit.RateLimit;
import app.ret.domain.ratelimit.RateLimitDecision;
import app.ret.domain.ratelimit.RateLimitKey;
import java.time.Instant;

/**
 * Per-key fixed-window counters. Each operation is atomic on its key: the domain decides
 * ({@link RateLimit#open}, {@link RateLimit#admit}), the store only applies that decision to the
 * key's window as one step. A store shared by several server instances implements the same three
 * operations (for example one server-side script each, with the window's end kept as its expiry).
 */
public interface RateLimitStore {
    /**
     * Counts one request of {@code key} under {@code policy} at {@code now}. However many callers race
     * on one key, at most {@code policy.limit()} of them are allowed inside one window.
     */
    RateLimitDecision acquire(RateLimitKey key, RateLimit policy, Instant now);

    /**
     * Gives back the admission {@code grant} counted, when the key's window is still the one it was
     * counted in; a later window is never touched.
     */
    void release(RateLimitKey key, RateLimitDecision.Allowed grant);

    /** Forgets the key's window: its next request opens a fresh one. */
    void clear(RateLimitKey key);
}
