package app.ret.adapters.http.pipeline;

import app.ret.domain.ratelimit.RateLimit;
import app.ret.domain.ratelimit.RateLimitDecision;
import app.ret.domain.ratelimit.RateLimitKey;
import app.ret.ports.in.RateLimitUseCase;

/**
 * Counts every {@code /api} request against its caller's bucket ({@code user:<name>} when
 * authenticated, else {@code ip:<client address>}), tells the client where it stands in the
 * headers of every response, and refuses with 429 once the bucket is empty.
 */
public final class ApiRateLimiter {
    private static final String POLICY_NAME = "\"default\"";

    private final RateLimitUseCase limits;
    private final String policyHeader;

    public ApiRateLimiter(RateLimitUseCase limits) {
        this.limits = limits;
        RateLimit policy = limits.policy();
        this.policyHeader = POLICY_NAME + ";q=" + policy.limit() + ";w=" + policy.window().toSeconds();
    }

    void admit(ApiExchange api) {
        RateLimitKey caller = api.optionalPrincipal()
                .map(principal -> RateLimitKey.forUser(principal.username()))
                .orElseGet(() -> RateLimitKey.forClientAddress(api.clientAddress()));
        RateLimitDecision decision = limits.check(caller);
        api.setHeader("X-RateLimit-Limit", Integer.toString(decision.limit()));
        api.setHeader("X-RateLimit-Remaining", Integer.toString(decision.remaining()));
        api.setHeader("X-RateLimit-Reset", Long.toString(decision.resetSeconds()));
        api.setHeader("RateLimit-Policy", policyHeader);
        api.setHeader("RateLimit", POLICY_NAME + ";r=" + decision.remaining() + ";t=" + decision.resetSeconds());
        if (decision instanceof RateLimitDecision.Refused refused) {
            throw tooManyRequests(api, refused.retryAfterSeconds());
        }
    }

    /** The 429 of any limit (this one or login throttling), with {@code Retry-After} set on the response. */
    public static ProblemException tooManyRequests(ApiExchange api, long retryAfterSeconds) {
        api.setHeader("Retry-After", Long.toString(retryAfterSeconds));
        return new ProblemException(Problem.rateLimited(retryAfterSeconds));
    }
}
