package app.ret.application.ratelimit;

import app.ret.domain.ratelimit.RateLimit;
import java.util.Objects;

/**
 * The API request limit per caller; the failed-login limit per username (from one address, and from
 * devices without a device cookie for it), and {@link #addressLoginFailures()} per client address
 * alone; and how many password checks may run ({@code concurrentPasswordChecks}) or wait for their turn
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

    /** How many times the per-username limit one client address may fail in all (credential stuffing across names). */
    public static final int ADDRESS_CEILING_FACTOR = 20;

    /**
     * Failed logins per client address, whatever the names: much higher than the per-username
     * limit, so that one person's mistakes never lock out the others behind the same address.
     */
    public RateLimit addressLoginFailures() {
        return new RateLimit(loginFailures.limit() * ADDRESS_CEILING_FACTOR, loginFailures.window());
    }
}
