package app.ret.application.jobs;

import app.ret.domain.job.RetryBackoff;
import java.time.Duration;

/**
 * How jobs are executed. A worker holds a job for {@code lease} and renews it while alive; the
 * heartbeat also carries progress, so it runs often. Idle workers look for due jobs every
 * {@code idlePoll} (a submission wakes them at once). The job sweep releases jobs whose lease
 * expired and removes jobs finished longer than {@code retention} ago.
 * A {@code sharedQueue} is worked by other processes too (instances on one PostgreSQL): a start
 * then releases only jobs whose lease expired, never the ones other instances are running.
 */
public record JobSettings(
        int workers,
        int maxAttempts,
        Duration lease,
        Duration heartbeat,
        Duration idlePoll,
        RetryBackoff backoff,
        Duration retention,
        boolean testJobsEnabled,
        boolean sharedQueue) {

    public static final Duration DEFAULT_LEASE = Duration.ofSeconds(30);
    public static final Duration DEFAULT_HEARTBEAT = Duration.ofMillis(250);
    public static final Duration DEFAULT_IDLE_POLL = Duration.ofSeconds(1);
    public static final RetryBackoff DEFAULT_BACKOFF = new RetryBackoff(Duration.ofSeconds(1), Duration.ofMinutes(1));

    public JobSettings {
        if (workers < 1) {
            throw new IllegalArgumentException("at least one job worker is needed");
        }
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("jobs need at least one attempt");
        }
        requirePositive(lease, "lease");
        requirePositive(heartbeat, "heartbeat");
        requirePositive(idlePoll, "idle poll");
        requirePositive(retention, "retention");
        if (heartbeat.multipliedBy(3).compareTo(lease) > 0) {
            throw new IllegalArgumentException("the heartbeat must come at least three times per lease");
        }
        if (backoff == null) {
            throw new IllegalArgumentException("back-off is required");
        }
    }

    /** The configured parts with the built-in timings. */
    public static JobSettings of(int workers, int maxAttempts, Duration retention, boolean testJobsEnabled) {
        return new JobSettings(workers, maxAttempts, DEFAULT_LEASE, DEFAULT_HEARTBEAT, DEFAULT_IDLE_POLL, DEFAULT_BACKOFF, retention,
                testJobsEnabled, false);
    }

    /** The same settings with workers holding a job for {@code jobLease} between renewals. */
    public JobSettings withLease(Duration jobLease) {
        return new JobSettings(workers, maxAttempts, jobLease, heartbeat, idlePoll, backoff, retention, testJobsEnabled,
                sharedQueue);
    }

    /** The same settings for a queue other processes work too. */
    public JobSettings shared() {
        return new JobSettings(workers, maxAttempts, lease, heartbeat, idlePoll, backoff, retention, testJobsEnabled, true);
    }

    private static void requirePositive(Duration duration, String name) {
        if (duration == null || duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(name + " must be positive");
        }
    }
}
