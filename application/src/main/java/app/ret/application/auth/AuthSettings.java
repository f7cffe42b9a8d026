package app.ret.application.auth;

import app.ret.domain.session.SessionTimeouts;
import java.time.Duration;

/**
 * Token lifetimes, session timeouts and the password work factor; how many sessions one user may
 * hold at once, and how long after its rotation a refresh token presented again is taken for a
 * race between two tabs rather than a replay.
 */
public record AuthSettings(Duration accessTokenLifetime, Duration refreshTokenLifetime, SessionTimeouts sessionTimeouts, int passwordHashIterations,
                           int maxSessionsPerUser, Duration refreshReuseGrace) {
    public AuthSettings {
        if (accessTokenLifetime.isZero() || accessTokenLifetime.isNegative()) {
            throw new IllegalArgumentException("access token lifetime must be positive");
        }
        if (refreshTokenLifetime.isZero() || refreshTokenLifetime.isNegative()) {
            throw new IllegalArgumentException("refresh token lifetime must be positive");
        }
        if (passwordHashIterations < 1) {
            throw new IllegalArgumentException("password hash iterations must be positive");
        }
        if (maxSessionsPerUser < 1) {
            throw new IllegalArgumentException("a user must be allowed at least one session");
        }
        if (refreshReuseGrace.isNegative()) {
            throw new IllegalArgumentException("the refresh reuse grace cannot be negative");
        }
    }
}
