package app.ret.application.ratelimit;

import app.ret.domain.ratelimit.RateLimit;
import app.ret.domain.ratelimit.RateLimitDecision;
import app.ret.domain.ratelimit.RateLimitKey;
import app.ret.ports.in.RateLimitUseCase;
import app.ret.ports.out.RateLimitStore;
import java.time.Clock;
import java.util.concurrent.atomic.LongAdder;

public final class RateLimitService implements RateLimitUseCase {
    private final Clock clock;
    private final RateLimitStore counters;
    private final RateLimit policy;
    private final LongAdder refusals = new LongAdder();

    public RateLimitService(Clock clock, RateLimitStore counters, RateLimit policy) {
        this.clock = clock;
        this.counters = counters;
        this.policy = policy;
    }

    @Override
    public RateLimitDecision check(RateLimitKey caller) {
        RateLimitDecision decision = counters.acquire(caller, policy, clock.instant());
        if (decision instanceof RateLimitDecision.Refused) {
            refusals.increment();
        }
        return decision;
    }

    public long refusals() {
        return refusals.sum();
    }

    @Override
    public RateLimit policy() {
        return policy;
    }
}
