package app.ret.ports.in;

import app.ret.domain.ratelimit.RateLimit;
import app.ret.domain.ratelimit.RateLimitDecision;
import app.ret.domain.ratelimit.RateLimitKey;

/** The API request limit: every API request of a caller is counted here before it is served. */
public interface RateLimitUseCase {
    /** Counts one request of {@code caller}; a refused request was not counted and must not be served. */
    RateLimitDecision check(RateLimitKey caller);

    /** The limit every caller is held to. */
    RateLimit policy();
}
