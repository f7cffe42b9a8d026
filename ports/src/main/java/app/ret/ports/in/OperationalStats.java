package app.ret.ports.in;

import app.ret.domain.cache.CacheStatistics;
import app.ret.domain.job.JobStatus;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
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
 * @param jobs               stored jobs by status (every status present, zero included)
 */
public record OperationalStats(
        long activeSessions,
        long workspaceFiles,
        long workspaceBytes,
        long apiRateLimitRefusals,
        long loginThrottles,
        CacheStatistics memoryCache,
        CacheStatistics persistentCache,
        Map<JobStatus, Long> jobs) {

    public OperationalStats {
        Objects.requireNonNull(memoryCache, "memoryCache");
        Objects.requireNonNull(persistentCache, "persistentCache");
        Map<JobStatus, Long> everyStatus = new EnumMap<>(JobStatus.class);
        for (JobStatus status : JobStatus.values()) {
            everyStatus.put(status, jobs.getOrDefault(status, 0L));
        }
        jobs = Collections.unmodifiableMap(everyStatus);
        if (activeSessions < 0 || workspaceFiles < 0 || workspaceBytes < 0 || apiRateLimitRefusals < 0 || loginThrottles < 0) {
            throw new IllegalArgumentException("operational figures cannot be negative");
        }
    }
}
