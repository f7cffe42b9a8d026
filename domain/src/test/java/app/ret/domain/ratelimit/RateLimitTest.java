package app.ret.domain.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.ret.domain.user.Username;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RateLimitTest {
    private static final Instant T0 = Instant.parse("2026-11-25T12:00:00Z");
    private final RateLimit threePerMinute = new RateLimit(3, Duration.ofSeconds(60));

    @Test
    void theFirstRequestOpensAWindowOfTheFullLength() {
        RateLimitDecision.Allowed first = threePerMinute.open(T0);

        assertThat(first.window()).isEqualTo(new FixedWindow(T0.plusSeconds(60), 1));
        assertThat(first.remaining()).isEqualTo(2);
        assertThat(first.resetSeconds()).isEqualTo(60);
    }

    @Test
    void admitsExactlyTheLimitThenRefusesWithoutCounting() {
        RateLimitDecision second = threePerMinute.admit(threePerMinute.open(T0).window(), T0.plusSeconds(1));
        RateLimitDecision third = threePerMinute.admit(((RateLimitDecision.Allowed) second).window(), T0.plusSeconds(2));
        FixedWindow full = ((RateLimitDecision.Allowed) third).window();

        RateLimitDecision fourth = threePerMinute.admit(full, T0.plusSeconds(3));

        assertThat(second.remaining()).isEqualTo(1);
        assertThat(third.remaining()).isZero();
        assertThat(fourth).isEqualTo(new RateLimitDecision.Refused(3, 57));
        assertThat(fourth.remaining()).isZero();
        assertThat(full.admitted()).isEqualTo(3);
    }

    @Test
    void resetIsRoundedUpToTheSecond() {
        FixedWindow full = new FixedWindow(T0.plusSeconds(60), 3);

        assertThat(threePerMinute.admit(full, T0.plusMillis(10_300)).resetSeconds()).isEqualTo(50);
        assertThat(threePerMinute.admit(full, T0.plusMillis(59_001)).resetSeconds()).isEqualTo(1);
        assertThat(threePerMinute.admit(full, T0.plusSeconds(59).plusNanos(999_999_999)).resetSeconds()).isEqualTo(1);
        assertThat(threePerMinute.admit(full, T0.plusSeconds(59)).resetSeconds()).isEqualTo(1);
        assertThat(threePerMinute.admit(full, T0.plusSeconds(58)).resetSeconds()).isEqualTo(2);
    }

    @Test
    void aWindowClosesExactlyAtItsEnd() {
        FixedWindow full = new FixedWindow(T0.plusSeconds(60), 3);

        assertThat(threePerMinute.admit(full, T0.plusSeconds(60).minusNanos(1))).isInstanceOf(RateLimitDecision.Refused.class);
        RateLimitDecision next = threePerMinute.admit(full, T0.plusSeconds(60));

        assertThat(next).isEqualTo(new RateLimitDecision.Allowed(3, T0.plusSeconds(120), 1, 60));
    }

    @Test
    void resetNeverExceedsOneWindowWhenTheClockStepsBack() {
        FixedWindow open = new FixedWindow(T0.plusSeconds(60), 1);

        assertThat(threePerMinute.admit(open, T0.minusSeconds(30)).resetSeconds()).isEqualTo(60);
    }

    @Test
    void releasingGivesBackOneAdmissionOfTheSameWindowOnly() {
        FixedWindow earlier = new FixedWindow(T0.plusSeconds(60), 2);
        FixedWindow current = new FixedWindow(T0.plusSeconds(130), 2);

        assertThat(current.releasing(current)).isEqualTo(new FixedWindow(T0.plusSeconds(130), 1));
        assertThat(current.releasing(earlier)).isSameAs(current);
        assertThat(new FixedWindow(T0, 0).releasing(new FixedWindow(T0, 1)).admitted()).isZero();
    }

    @Test
    void policiesAndDecisionsRejectNonsense() {
        assertThatThrownBy(() -> new RateLimit(0, Duration.ofSeconds(60))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RateLimit(5, Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RateLimit(5, Duration.ofMillis(1500))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new FixedWindow(T0, -1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RateLimitDecision.Allowed(3, T0, 4, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RateLimitDecision.Allowed(3, T0, 0, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RateLimitDecision.Refused(3, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void keysNameTheCallerAndStayShort() {
        assertThat(RateLimitKey.forUser(new Username("alice")).value()).isEqualTo("user:alice");
        assertThat(RateLimitKey.forClientAddress("2001:db8::1").value()).isEqualTo("ip:2001:db8::1");
        assertThatThrownBy(() -> RateLimitKey.forClientAddress(" ")).isInstanceOf(IllegalArgumentException.class);
        assertThat(RateLimitKey.forLoginAt(new Username("dave"), "192.0.2.1").value()).isEqualTo("login:dave@192.0.2.1");
        assertThat(RateLimitKey.forDevice("0123456789abcdef0123456789abcdef").value()).isEqualTo("device:0123456789abcdef0123456789abcdef");
        String longestAddress = "f".repeat(RateLimitKey.MAX_ADDRESS_LENGTH);
        assertThat(RateLimitKey.forLoginAt(new Username("u".repeat(64)), longestAddress).value()).hasSizeLessThanOrEqualTo(RateLimitKey.MAX_LENGTH);
        assertThatThrownBy(() -> RateLimitKey.forClientAddress(longestAddress + "f")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RateLimitKey("x".repeat(RateLimitKey.MAX_LENGTH + 1))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theSmallestPolicyAndKeysAtTheirLimitsAreAccepted() {
        assertThat(new RateLimit(1, Duration.ofSeconds(1)).limit()).isEqualTo(1);
        assertThat(new RateLimitKey("x".repeat(RateLimitKey.MAX_LENGTH))).hasToString("x".repeat(200));
        RateLimitDecision.Allowed last = new RateLimitDecision.Allowed(3, T0, 3, 1);
        assertThat(last.remaining()).isZero();
        assertThatThrownBy(() -> new RateLimitDecision.Allowed(3, T0, 1, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RateLimitDecision.Refused(0, 5)).isInstanceOf(IllegalArgumentException.class);
        assertThat(new RateLimitDecision.Refused(1, 1).retryAfter()).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void aRefusedClientWaitsUntilTheWindowClosesRoundedUpToTheSecond() {
        RateLimit policy = new RateLimit(1, Duration.ofSeconds(60));
        RateLimitDecision.Allowed first = policy.open(T0.plusMillis(500));
        RateLimitDecision refused = policy.admit(first.window(), T0.plusSeconds(10));
        assertThat(refused).isInstanceOf(RateLimitDecision.Refused.class);
        assertThat(((RateLimitDecision.Refused) refused).retryAfter()).isEqualTo(Duration.ofSeconds(51));
    }
}
