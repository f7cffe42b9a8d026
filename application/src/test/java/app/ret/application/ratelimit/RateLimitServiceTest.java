package app.ret.application.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.ret.adapters.memory.InMemoryRateLimitStore;
import app.ret.domain.ratelimit.RateLimit;
import app.ret.domain.ratelimit.RateLimitDecision;
import app.ret.domain.ratelimit.RateLimitKey;
import app.ret.ports.testing.MutableClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RateLimitServiceTest {
    private final MutableClock clock = MutableClock.atSomeFixedTime();
    private final RateLimit twoPerMinute = new RateLimit(2, Duration.ofMinutes(1));
    private final RateLimitService limits = new RateLimitService(clock, new InMemoryRateLimitStore(), twoPerMinute);

    @Test
    void onlyRefusedRequestsAreCountedAsRefusals() {
        RateLimitKey caller = RateLimitKey.forClientAddress("192.0.2.1");

        assertThat(limits.check(caller)).isNotInstanceOf(RateLimitDecision.Refused.class);
        assertThat(limits.check(caller)).isNotInstanceOf(RateLimitDecision.Refused.class);
        assertThat(limits.refusals()).isZero();
        assertThat(limits.check(caller)).isInstanceOf(RateLimitDecision.Refused.class);
        assertThat(limits.check(caller)).isInstanceOf(RateLimitDecision.Refused.class);

        assertThat(limits.refusals()).isEqualTo(2);
        assertThat(limits.policy()).isEqualTo(twoPerMinute);
    }

    @Test
    void passwordChecksNeedOneRunningAndNoneQueued() {
        RateLimit any = new RateLimit(1, Duration.ofMinutes(1));

        assertThat(new RateLimitSettings(any, any, 1, 0).concurrentPasswordChecks()).isEqualTo(1);
        assertThatThrownBy(() -> new RateLimitSettings(any, any, 0, 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RateLimitSettings(any, any, 1, -1))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
