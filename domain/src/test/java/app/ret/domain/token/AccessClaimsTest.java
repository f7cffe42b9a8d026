package app.ret.domain.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.ret.domain.session.SessionId;
import app.ret.domain.user.Role;
import app.ret.domain.user.Username;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class AccessClaimsTest {
    private static final Instant ISSUED = Instant.parse("2026-11-25T12:00:00Z");
    private static final Instant EXPIRES = ISSUED.plusSeconds(1800);

    private static AccessClaims claims() {
        return new AccessClaims(new SessionId("0123456789abcdef0123456789abcdef"), new Username("alice"), Role.USER,
                ISSUED, EXPIRES, "jti-1");
    }

    @Test
    void acceptedUntilFiveSecondsAfterExpiry() {
        assertThat(claims().acceptableAt(EXPIRES.plusSeconds(4))).isTrue();
        assertThat(claims().acceptableAt(EXPIRES.plusSeconds(5))).isFalse();
    }

    @Test
    void aTokenFromTheFarFutureIsRefused() {
        assertThat(claims().acceptableAt(ISSUED.minusSeconds(5))).isTrue();
        assertThat(claims().acceptableAt(ISSUED.minusSeconds(6))).isFalse();
    }

    @Test
    void aTokenMustExpireAfterIssue() {
        assertThatThrownBy(() -> new AccessClaims(new SessionId("0123456789abcdef0123456789abcdef"), new Username("a"), Role.USER,
                ISSUED, ISSUED, "j")).isInstanceOf(IllegalArgumentException.class);
    }
}
