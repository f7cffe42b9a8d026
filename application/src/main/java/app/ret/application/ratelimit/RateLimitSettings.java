package app.ret.application.ratelimit;

import app.ret.domain.ratelimit.RateLimit;
import java.util.Objects;

/**
 * The API request limit per caller, the failed-login limit per client address and per username,
 * and how many password checks may run ({@code concurrentPasswordChecks}) or wait for their turn
 * ({@code queuedPasswordChecks}) at once; a login beyond both is refused without waiting.
 */
public record RateLimitSettings(RateLimit requests, RateLimit loginFailures, int concurrentPasswordChecks, int queuedPasswordChecks) {
    public RateLimitSettings {
        Objects.requireNonNull(requests, "requests");
        Objects.requireNonNull(loginFailures, "loginFailures");
        if (concurrentPasswordChecks < 1) {
            throw new IllegalArgumentException("at least one password check must be able to run");
        }
        if (queuedPasswordChecks < 0) {
            throw new IllegalArgumentException("queued password checks cannot be negative");
        }
    }
}
