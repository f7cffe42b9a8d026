package app.ret.domain.token;

import app.ret.domain.session.SessionId;
import app.ret.domain.user.Role;
import app.ret.domain.user.Username;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/** What an access token asserts: which session, whose, and for how long. */
public record AccessClaims(
        SessionId sessionId, Username username, Role role, Instant issuedAt, Instant expiresAt, String tokenId) {

    /**
     * How far the verifier's clock may be behind or ahead of the issuer's. Issuer and verifier are
     * one process, or instances sharing one database clock whose hosts run NTP, so a few seconds
     * cover them; beyond this an expired token is refused.
     */
    public static final Duration CLOCK_SKEW = Duration.ofSeconds(5);

    public AccessClaims {
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(issuedAt, "issuedAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
        if (tokenId == null || tokenId.isBlank()) {
            throw new IllegalArgumentException("token id must not be blank");
        }
        if (!expiresAt.isAfter(issuedAt)) {
            throw new IllegalArgumentException("a token must expire after it is issued");
        }
    }

    public boolean acceptableAt(Instant now) {
        return now.isBefore(expiresAt.plus(CLOCK_SKEW)) && !now.plus(CLOCK_SKEW).isBefore(issuedAt);
    }
}
