package app.ret.domain.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.ret.domain.user.Role;
import app.ret.domain.user.Username;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SessionTest {
    private static final Instant T0 = Instant.parse("2026-11-25T12:00:00Z");
    private static final SessionTimeouts TIMEOUTS = new SessionTimeouts(Duration.ofMinutes(60), Duration.ofHours(12));
    private static final SessionId ID = new SessionId("0123456789abcdef0123456789abcdef");

    private static Session started() {
        return Session.start(ID, new Username("alice"), Role.USER, T0, TIMEOUTS);
    }

    @Test
    void idleExpiryIsExactAtTheInstant() {
        assertThat(started().expiryAt(T0.plus(Duration.ofMinutes(60)).minusNanos(1))).isEmpty();
        assertThat(started().expiryAt(T0.plus(Duration.ofMinutes(60)))).contains(EndReason.IDLE_TIMEOUT);
    }

    @Test
    void absoluteExpiryWinsOverRecentActivity() {
        Session busy = started().seenAt(T0.plus(Duration.ofHours(11).plusMinutes(59)));
        assertThat(busy.expiryAt(T0.plus(Duration.ofHours(12)).minusNanos(1))).isEmpty();
        assertThat(busy.expiryAt(T0.plus(Duration.ofHours(12)))).contains(EndReason.ABSOLUTE_TIMEOUT);
        assertThat(busy.idleExpiresAt()).isEqualTo(busy.absoluteExpiresAt());
    }

    @Test
    void lastSeenNeverMovesBack() {
        Session seen = started().seenAt(T0.plusSeconds(100)).seenAt(T0.plusSeconds(50));
        assertThat(seen.lastSeenAt()).isEqualTo(T0.plusSeconds(100));
    }

    @Test
    void touchesAreCoarse() {
        assertThat(TIMEOUTS.touchGranularity()).isEqualTo(Duration.ofMinutes(1));
        assertThat(new SessionTimeouts(Duration.ofMinutes(5), Duration.ofHours(1)).touchGranularity()).isEqualTo(Duration.ofSeconds(30));
        assertThat(started().needsTouch(T0.plusSeconds(59))).isFalse();
        assertThat(started().needsTouch(T0.plusSeconds(60))).isTrue();
    }

    @Test
    void endingCarriesItsReasonAndOnlyThen() {
        Session ending = started().ending(EndReason.LOGOUT);
        assertThat(ending.isActive()).isFalse();
        assertThat(ending.endReason()).contains(EndReason.LOGOUT);
        assertThatThrownBy(() -> new Session(ID, new Username("alice"), Role.USER, T0, T0, TIMEOUTS, SessionStatus.ENDING,
                Optional.empty())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aSessionCannotBeSeenBeforeItStarted() {
        assertThatThrownBy(() -> new Session(ID, new Username("alice"), Role.USER, T0, T0.minusSeconds(1), TIMEOUTS,
                SessionStatus.ACTIVE, Optional.empty())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void sessionIdsAreThirtyTwoLowerCaseHexDigits() {
        assertThat(SessionId.fromRandomBytes(new byte[16]).value()).isEqualTo("0".repeat(32));
        assertThat(SessionId.isValid("../../etc")).isFalse();
        assertThat(SessionId.isValid("0123456789ABCDEF0123456789abcdef")).isFalse();
        assertThatThrownBy(() -> new SessionId("..")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SessionId.fromRandomBytes(new byte[8])).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void usernamesAreRestricted() {
        assertThat(Username.isValid("alice.b-c_1")).isTrue();
        assertThat(Username.isValid("")).isFalse();
        assertThat(Username.isValid("a b")).isFalse();
        assertThat(Username.isValid("x".repeat(65))).isFalse();
        assertThat(Username.isValid(null)).isFalse();
    }
}
