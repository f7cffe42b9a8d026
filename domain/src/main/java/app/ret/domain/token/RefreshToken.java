package app.ret.domain.token;

import app.ret.domain.session.SessionId;
import java.time.Instant;
import java.util.Objects;

/** A refresh token as stored: only the hash of the opaque value the client holds. */
public record RefreshToken(String tokenHash, SessionId sessionId, Instant issuedAt, Instant expiresAt, RefreshTokenStatus status) {
    public RefreshToken {
        if (tokenHash == null || tokenHash.isBlank()) {
            throw new IllegalArgumentException("token hash must not be blank");
        }
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(issuedAt, "issuedAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
        Objects.requireNonNull(status, "status");
    }

    public boolean expiredAt(Instant now) {
        return !now.isBefore(expiresAt);
    }

    public RefreshToken rotated() {
        return new RefreshToken(tokenHash, sessionId, issuedAt, expiresAt, RefreshTokenStatus.ROTATED);
    }
}
