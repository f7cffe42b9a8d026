package app.ret.domain.token;

import app.ret.domain.session.SessionId;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A refresh token as stored: only the hash of the opaque value the client holds. A rotated token
 * knows when it was rotated (its successor's issue time), so a copy of it arriving a moment later
 * — a second tab, a retried request — can be told from a replay long after.
 */
public record RefreshToken(String tokenHash, SessionId sessionId, Instant issuedAt, Instant expiresAt, RefreshTokenStatus status,
                           Optional<Instant> rotatedAt) {
    public RefreshToken {
        if (tokenHash == null || tokenHash.isBlank()) {
            throw new IllegalArgumentException("token hash must not be blank");
        }
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(issuedAt, "issuedAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(rotatedAt, "rotatedAt");
        if ((status == RefreshTokenStatus.ROTATED) != rotatedAt.isPresent()) {
            throw new IllegalArgumentException("a rotated token, and only a rotated one, has a rotation time");
        }
    }

    /** A token that can still be exchanged. */
    public static RefreshToken issued(String tokenHash, SessionId sessionId, Instant issuedAt, Instant expiresAt) {
        return new RefreshToken(tokenHash, sessionId, issuedAt, expiresAt, RefreshTokenStatus.ACTIVE, Optional.empty());
    }

    public boolean expiredAt(Instant now) {
        return !now.isBefore(expiresAt);
    }

    public RefreshToken rotatedAt(Instant when) {
        return new RefreshToken(tokenHash, sessionId, issuedAt, expiresAt, RefreshTokenStatus.ROTATED, Optional.of(when));
    }

    /**
     * True when this token was rotated less than {@code grace} before {@code now}: presenting it
     * again is a race with its own rotation (two tabs refreshing at once), not a replay.
     */
    public boolean rotatedWithin(Duration grace, Instant now) {
        return rotatedAt.filter(rotation -> now.isBefore(rotation.plus(grace))).isPresent();
    }
}
