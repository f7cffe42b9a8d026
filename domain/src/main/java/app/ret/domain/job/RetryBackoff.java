package app.ret.domain.job;

import java.time.Duration;

/**
 * Exponential back-off with jitter for transient failures: the wait doubles with each failed
 * attempt up to {@code max}, and a random half of it is spread so that jobs failing together
 * (a briefly unavailable disk, say) do not all come back at the same instant.
 */
public record RetryBackoff(Duration base, Duration max) {
    public RetryBackoff {
        if (base == null || base.isNegative() || base.isZero()) {
            throw new IllegalArgumentException("back-off base must be positive");
        }
        if (max == null || max.compareTo(base) < 0) {
            throw new IllegalArgumentException("back-off maximum must be at least the base");
        }
    }

    /**
     * The wait after attempt {@code failedAttempt} failed; {@code jitter} is a uniform random
     * number in [0, 1) and picks a point in the upper half of the exponential step.
     */
    public Duration delayAfter(int failedAttempt, double jitter) {
        if (failedAttempt < 1) {
            throw new IllegalArgumentException("attempts count from 1");
        }
        if (!(jitter >= 0 && jitter < 1)) {
            throw new IllegalArgumentException("jitter must be in [0, 1)");
        }
        long capMillis = max.toMillis();
        long step = base.toMillis();
        for (int i = 1; i < failedAttempt && step < capMillis; i++) {
            step *= 2;
        }
        step = Math.min(step, capMillis);
        long half = step / 2;
        return Duration.ofMillis(step - half + (long) (half * jitter));
    }
}
