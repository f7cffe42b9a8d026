package app.ret.domain.ratelimit;

import java.time.Duration;
import java.util.Objects;

/** What one request learns from the limiter: whether it may proceed and where its key stands. */
public sealed interface RateLimitDecision {
    int limit();

    /** Requests the key may still make in its current window. */
    int remaining();

    /** Whole seconds, rounded up, until the key's window closes and its count starts over. */
    long resetSeconds();

    /** The request was counted; {@code window} is the key's window including it. */
    record Allowed(int limit, FixedWindow window, long resetSeconds) implements RateLimitDecision {
        public Allowed {
            Objects.requireNonNull(window, "window");
            if (limit < 1 || window.admitted() < 1 || window.admitted() > limit) {
                throw new IllegalArgumentException("an allowed request is one of 1.." + limit + " in its window");
            }
            if (resetSeconds < 1) {
                throw new IllegalArgumentException("an open window closes at least one second later");
            }
        }

        @Override
        public int remaining() {
            return limit - window.admitted();
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
