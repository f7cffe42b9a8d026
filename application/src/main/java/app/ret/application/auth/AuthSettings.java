package app.ret.application.auth;

import app.ret.domain.session.SessionTimeouts;
import java.time.Duration;

/** Token lifetimes, session timeouts and the password work factor. */
public record AuthSettings(Duration accessTokenLifetime, Duration refreshTokenLifetime, SessionTimeouts sessionTimeouts, int passwordHashIterations) {
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
    }
}
