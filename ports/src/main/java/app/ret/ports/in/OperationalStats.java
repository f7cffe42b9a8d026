package app.ret.ports.in;

import app.ret.domain.cache.CacheStatistics;
import java.util.Objects;

/**
 * The core's figures at one moment. Counters ({@code *Refusals}) grow from the process start;
 * the others are current levels.
 *
 * @param activeSessions     sessions that can be used now (not ending, not expired-and-unswept)
 * @param workspaceFiles     files in the workspaces of the active sessions
 * @param workspaceBytes     bytes in the workspaces of the active sessions
 * @param apiRateLimitRefusals API requests refused with 429 by the per-caller limit
 * @param loginThrottles     logins refused with 429 (too many failures, or every password check busy)
 * @param memoryCache        hits, misses and evictions of the bounded memory tier since the start
 * @param persistentCache    the same of the durable SQLite tier
 */
public record OperationalStats(
        long activeSessions,
        long workspaceFiles,
        long workspaceBytes,
        long apiRateLimitRefusals,
        long loginThrottles,
        CacheStatistics memoryCache,
        CacheStatistics persistentCache) {

    public OperationalStats {
        Objects.requireNonNull(memoryCache, "memoryCache");
        Objects.requireNonNull(persistentCache, "persistentCache");
        if (activeSessions < 0 || workspaceFiles < 0 || workspaceBytes < 0 || apiRateLimitRefusals < 0 || loginThrottles < 0) {
            throw new IllegalArgumentException("operational figures cannot be negative");
        }
    }
}
