package app.ret.domain.job;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** Cancelled by its owner, while queued ({@code startedAt} empty unless an earlier attempt ran) or running. */
public record CancelledJob(JobSpec spec, int attempts, JobProgress progress, Optional<Instant> startedAt, Instant finished)
        implements FinishedJob {
    public CancelledJob {
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(progress, "progress");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(finished, "finished");
        if (attempts < 0 || attempts > spec.maxAttempts()) {
            throw new IllegalArgumentException("attempts out of range: " + attempts);
        }
        if ((attempts == 0) != startedAt.isEmpty()) {
            throw new IllegalArgumentException("a cancelled job was started exactly when it had attempts");
        }
        if (finished.isBefore(spec.createdAt())) {
            throw new IllegalArgumentException("a job cannot finish before it was created");
        }
    }

    @Override
    public JobStatus status() {
        return JobStatus.CANCELLED;
    }
}
