package app.ret.domain.ratelimit;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/** What one request learns from the limiter: whether it may proceed and where its key stands. */
public sealed interface RateLimitDecision {
    int limit();

    /** Requests the key may still make in its current window. */
    int remaining();

    /** Whole seconds, rounded up, until the key's window closes and its count starts over. */
    long resetSeconds();

    /**
     * The request was counted: it is the {@code admitted}-th of the key's window that closes at
     * {@code windowEndsAt}. (Flat rather than holding a {@link FixedWindow}: one object per check.)
     */
    record Allowed(int limit, Instant windowEndsAt, int admitted, long resetSeconds) implements RateLimitDecision {
        public Allowed {
            Objects.requireNonNull(windowEndsAt, "windowEndsAt");
            if (limit < 1 || admitted < 1 || admitted > limit) {
                throw new IllegalArgumentException("an allowed request is one of 1.." + limit + " in its window");
            }
            if (resetSeconds < 1) {
                throw new IllegalArgumentException("an open window closes at least one second later");
            }
        }

        /** The key's window including this request. */
        public FixedWindow window() {
            return new FixedWindow(windowEndsAt, admitted);
        }

        @Override
        public int remaining() {
            return limit - admitted;
        }
    }

    /** The key used up its window; the request was not counted. */
    record Refused(int limit, long retryAfterSeconds) implements RateLimitDecision {
        public Refused {
            if (limit < 1) {
                throw new IllegalArgumentException("limit must be positive");
            }
            if (retryAfterSeconds < 1) {
                throw new IllegalArgumentException("a refused client waits at least one second");
            }
        }

        public Duration retryAfter() {
            return Duration.ofSeconds(retryAfterSeconds);
        }

        @Override
        public int remaining() {
            return 0;
        }

        @Override
        public long resetSeconds() {
            return retryAfterSeconds;
        }
    }
}
