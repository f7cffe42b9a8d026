package app.ret.adapters.http.metrics;

import app.ret.adapters.http.pipeline.Access;
import app.ret.adapters.http.pipeline.ApiExchange;
import app.ret.adapters.http.pipeline.Route;
import app.ret.adapters.http.pipeline.RouteProvider;
import app.ret.domain.cache.CacheStatistics;
import app.ret.ports.in.OperationalStats;
import app.ret.ports.in.OperationalStatsUseCase;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.ToLongFunction;

/**
 * {@code GET /metrics}: the HTTP front end's own series plus the core's figures, in the Prometheus
 * text format. Open like {@code /healthz} (no token, no rate limit): it carries counts and route
 * templates, never user names or paths, and operators keep it off public networks (README).
 */
public final class MetricsHandler implements RouteProvider {
    private final HttpMetrics http;
    private final OperationalStatsUseCase core;
    private final String durableTier;

    /** {@code durableTier} labels the durable cache tier's series: the store it lives in ({@code sqlite}, {@code postgres}). */
    public MetricsHandler(HttpMetrics http, OperationalStatsUseCase core, String durableTier) {
        this.http = http;
        this.core = core;
        this.durableTier = durableTier;
    }

    @Override
    public List<Route> routes() {
        return List.of(Route.of("GET", "/metrics", Access.PUBLIC, this::scrape));
    }

    private void scrape(ApiExchange exchange) throws IOException {
        PrometheusText out = new PrometheusText();
        http.writeTo(out);
        writeCore(core.snapshot(), out);
        exchange.respondBytes(200, PrometheusText.CONTENT_TYPE, out.toString().getBytes(StandardCharsets.UTF_8));
    }

    private void writeCore(OperationalStats stats, PrometheusText out) {
        out.family("ret_rate_limit_refusals_total", "counter", "Requests refused with 429, by limit (api: per-caller API limit; login: failed-login throttling)");
        out.sample("ret_rate_limit_refusals_total", List.of("limit"), List.of("api"), stats.apiRateLimitRefusals());
        out.sample("ret_rate_limit_refusals_total", List.of("limit"), List.of("login"), stats.loginThrottles());
        out.single("ret_sessions_active", "gauge", "Sessions that can be used now", stats.activeSessions());
        out.single("ret_workspace_files", "gauge", "Files in the workspaces of the active sessions", stats.workspaceFiles());
        out.single("ret_workspace_bytes", "gauge", "Bytes in the workspaces of the active sessions", stats.workspaceBytes());
        writeCache(out, "ret_cache_hits_total", "Cache reads that found a live entry, by tier", stats, CacheStatistics::hits);
        writeCache(out, "ret_cache_misses_total", "Cache reads that found no live entry, by tier", stats, CacheStatistics::misses);
        writeCache(out, "ret_cache_evictions_total", "Entries a cache tier dropped on its own (bounds or expiry), by tier",
                stats, CacheStatistics::evictions);
        out.family("ret_jobs", "gauge", "Stored jobs by status (finished ones until the retention sweep or their session's end)");
        stats.jobs().forEach((status, count) -> out.sample("ret_jobs", List.of("status"), List.of(status.wireName()), count));
    }

    private void writeCache(PrometheusText out, String name, String help, OperationalStats stats,
                            ToLongFunction<CacheStatistics> figure) {
        out.family(name, "counter", help);
        out.sample(name, List.of("tier"), List.of("memory"), figure.applyAsLong(stats.memoryCache()));
        out.sample(name, List.of("tier"), List.of(durableTier), figure.applyAsLong(stats.persistentCache()));
    }
}
