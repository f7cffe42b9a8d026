package app.ret.domain.job;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Waiting for a worker, not before {@code notBefore} (a retry waits out its back-off). A queued
 * job always has an attempt left; {@code startedAt} is the start of its first attempt, if any.
 */
public record QueuedJob(JobSpec spec, int attempts, Optional<Instant> startedAt, Instant notBefore) implements Job {
    public QueuedJob {
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(notBefore, "notBefore");
        if (attempts < 0 || attempts >= spec.maxAttempts()) {
            throw new IllegalArgumentException("a queued job has an attempt left: " + attempts + " of " + spec.maxAttempts() + " used");
        }
        if ((attempts == 0) != startedAt.isEmpty()) {
            throw new IllegalArgumentException("a queued job was started before exactly when it had attempts");
        }
    }

    public static QueuedJob submit(JobSpec spec) {
        return new QueuedJob(spec, 0, Optional.empty(), spec.createdAt());
    }

    public boolean isDueAt(Instant now) {
        return !now.isBefore(notBefore);
    }

    /** The next attempt begins, held by its worker until {@code leaseUntil} unless renewed. */
    public RunningJob start(Instant now, Instant leaseUntil) {
        if (!isDueAt(now)) {
            throw new IllegalArgumentException("job " + id() + " is not due before " + notBefore);
        }
        if (!leaseUntil.isAfter(now)) {
            throw new IllegalArgumentException("a lease must end after it starts");
        }
        return new RunningJob(spec, attempts + 1, progress(), startedAt.orElse(now), leaseUntil, false);
    }

    public CancelledJob cancel(Instant now) {
        return new CancelledJob(spec, attempts, progress(), startedAt, Finished.notBefore(now, startedAt.orElse(spec.createdAt())));
    }

    @Override
    public Job cancellationRequested(Instant now) {
        return cancel(now);
    }

    /** Nothing done yet, of the units the job declared when it was submitted. */
    @Override
    public JobProgress progress() {
        return new JobProgress(0, spec.parameters().units());
    }

    @Override
    public JobStatus status() {
        return JobStatus.QUEUED;
    }
}
