package app.ret.application;

import app.ret.domain.ratelimit.RateLimit;
import app.ret.domain.ratelimit.RateLimitDecision;
import app.ret.domain.ratelimit.RateLimitKey;
import app.ret.ports.in.RateLimitUseCase;
import app.ret.ports.out.RateLimitStore;
import java.time.Clock;

final class RateLimitService implements RateLimitUseCase {
    private final Clock clock;
    private final RateLimitStore counters;
    private final RateLimit policy;

    RateLimitService(Clock clock, RateLimitStore counters, RateLimit policy) {
        this.clock = clock;
        this.counters = counters;
        this.policy = policy;
    }

    @Override
    public RateLimitDecision check(RateLimitKey caller) {
        return counters.acquire(caller, policy, clock.instant());
    }

    @Override
    public RateLimit policy() {
        return policy;
    }
}
