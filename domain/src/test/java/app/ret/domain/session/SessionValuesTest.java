package app.ret.domain.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class SessionValuesTest {
    @Test
    void endReasonsTravelByTheirWireNames() {
        for (EndReason reason : EndReason.values()) {
            assertThat(EndReason.fromWireName(reason.wireName())).isEqualTo(reason);
        }
        assertThat(EndReason.REFRESH_REUSE.wireName()).isEqualTo("refresh_reuse");
    }

    @Test
    void lastSeenIsWrittenAtMostEveryTenthOfTheIdleTimeoutAndAtLeastEveryMinute() {
        assertThat(new SessionTimeouts(Duration.ofMinutes(10), Duration.ofHours(1)).touchGranularity()).isEqualTo(Duration.ofMinutes(1));
        assertThat(new SessionTimeouts(Duration.ofMinutes(5), Duration.ofHours(1)).touchGranularity()).isEqualTo(Duration.ofSeconds(30));
        assertThat(new SessionTimeouts(Duration.ofHours(2), Duration.ofHours(12)).touchGranularity()).isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void sessionIdsAreThirtyTwoLowerCaseHexDigits() {
        assertThat(SessionId.isValid("0123456789abcdef0123456789abcdef")).isTrue();
        assertThat(SessionId.isValid("0123456789abcdef0123456789abcde")).isFalse();
        assertThat(new SessionId("0123456789abcdef0123456789abcdef")).hasToString("0123456789abcdef0123456789abcdef");
    }
}
