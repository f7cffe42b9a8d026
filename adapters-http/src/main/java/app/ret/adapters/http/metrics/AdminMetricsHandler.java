package app.ret.adapters.http.metrics;

import app.ret.adapters.http.pipeline.Access;
import app.ret.adapters.http.pipeline.ApiExchange;
import app.ret.adapters.http.pipeline.Route;
import app.ret.adapters.http.pipeline.RouteProvider;
import app.ret.domain.cache.CacheStatistics;
import app.ret.domain.job.JobStatus;
import app.ret.ports.in.OperationalStats;
import app.ret.ports.in.OperationalStatsUseCase;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Role admin: the figures of {@code /metrics} as JSON, for the console's dashboard. Counters stay
 * counters (growing from the process start); the client draws rates from two readings.
 */
public final class AdminMetricsHandler implements RouteProvider {
    private final HttpMetrics http;
    private final OperationalStatsUseCase core;

    public AdminMetricsHandler(HttpMetrics http, OperationalStatsUseCase core) {
        this.http = http;
        this.core = core;
    }

    @Override
    public List<Route> routes() {
        return List.of(Route.of("GET", "/api/admin/metrics", Access.ADMIN, this::figures));
    }

    record Requests(long total, long clientErrors, long serverErrors) {}

    record RateLimited(long api, long login) {}

    record Tier(long hits, long misses, long evictions) {
        static Tier of(CacheStatistics statistics) {
            return new Tier(statistics.hits(), statistics.misses(), statistics.evictions());
        }
    }

    record Cache(Tier memory, Tier sqlite) {}

    record Figures(Requests requests, RateLimited rateLimited, Cache cache, Map<String, Long> jobs, long sessionsActive,
                   long workspaceFiles, long workspaceBytes) {}

    private void figures(ApiExchange exchange) throws IOException {
        HttpMetrics.RequestTotals totals = http.totals();
        OperationalStats stats = core.snapshot();
        Map<String, Long> jobs = new LinkedHashMap<>();
        for (JobStatus status : JobStatus.values()) {
            jobs.put(status.wireName(), stats.jobs().get(status));
        }
        exchange.respondJson(200, new Figures(new Requests(totals.total(), totals.clientErrors(), totals.serverErrors()),
                new RateLimited(stats.apiRateLimitRefusals(), stats.loginThrottles()),
                new Cache(Tier.of(stats.memoryCache()), Tier.of(stats.persistentCache())), jobs,
                stats.activeSessions(), stats.workspaceFiles(), stats.workspaceBytes()));
    }
}
