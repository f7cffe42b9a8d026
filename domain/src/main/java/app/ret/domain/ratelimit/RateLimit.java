package app.ret.domain.ratelimit;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * At most {@code limit} requests per key in one fixed window of {@code window}: a key's window opens
 * at its first request and closes {@code window} later; the next request after that opens a new one
 * (ADR 0004). Requests refused inside a window do not count, so they never push a client further out.
 */
public record RateLimit(int limit, Duration window) {
    public RateLimit {
        if (limit < 1) {
            throw new IllegalArgumentException("a rate limit must admit at least one request");
        }
        Objects.requireNonNull(window, "window");
        if (window.isNegative() || window.isZero() || window.getNano() != 0) {
            throw new IllegalArgumentException("a rate-limit window must be a positive whole number of seconds");
        }
    }

    /** The first request of a key that holds no window. */
    public RateLimitDecision.Allowed open(Instant now) {
        return allowed(now.plus(window), 1, now);
    }

    /**
     * One more request against the key's {@code current} window: a closed window starts over, a full
     * one refuses (and stays as it is), any other counts the request.
     */
    public RateLimitDecision admit(FixedWindow current, Instant now) {
        if (current.isClosedAt(now)) {
            return open(now);
        }
        if (current.admitted() >= limit) {
            return new RateLimitDecision.Refused(limit, secondsUntilClosed(current.endsAt(), now));
        }
        return allowed(current.endsAt(), current.admitted() + 1, now);
    }

    private RateLimitDecision.Allowed allowed(Instant windowEndsAt, int admitted, Instant now) {
        return new RateLimitDecision.Allowed(limit, windowEndsAt, admitted, secondsUntilClosed(windowEndsAt, now));
    }

    /**
     * Rounded up, so a client that waits this long finds the window closed; never longer than one
     * window, even if the clock stepped back since the window opened.
     */
    private long secondsUntilClosed(Instant windowEndsAt, Instant now) {
        long seconds = windowEndsAt.getEpochSecond() - now.getEpochSecond();
        if (windowEndsAt.getNano() > now.getNano()) {
            seconds++;
        }
        return Math.min(Math.max(seconds, 1), window.getSeconds());
    }
}
