package app.ret.application.ops;

import app.ret.application.auth.AuthService;
import app.ret.application.cache.TieredCacheService;
import app.ret.application.ratelimit.RateLimitService;
import app.ret.application.session.SessionQueryService;
import app.ret.ports.in.CacheUseCase;
import app.ret.ports.in.OperationalStats;
import app.ret.ports.in.OperationalStatsUseCase;
import app.ret.ports.in.SessionQueryUseCase.SessionOverview;
import app.ret.ports.out.JobStore;
import java.util.List;

public final class OperationalStatsService implements OperationalStatsUseCase {
    private final SessionQueryService sessions;
    private final RateLimitService rateLimit;
    private final AuthService auth;
    private final TieredCacheService cache;
    private final JobStore jobs;

    public OperationalStatsService(SessionQueryService sessions, RateLimitService rateLimit, AuthService auth, TieredCacheService cache,
                            JobStore jobs) {
        this.sessions = sessions;
        this.rateLimit = rateLimit;
        this.auth = auth;
        this.cache = cache;
        this.jobs = jobs;
    }

    @Override
    public OperationalStats snapshot() {
        List<SessionOverview> active = sessions.activeSessions();
        long files = 0;
        long bytes = 0;
        for (SessionOverview overview : active) {
            files += overview.usage().files();
            bytes += overview.usage().bytes();
        }
        CacheUseCase.Statistics tiers = cache.statistics();
        return new OperationalStats(active.size(), files, bytes, rateLimit.refusals(), auth.throttledLogins(),
                tiers.memory(), tiers.persistent(), jobs.countByStatus());
    }
}
