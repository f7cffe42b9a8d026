package app.ret.domain.job;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** Failed for good, with the reason and whatever the last attempt produced before it failed. */
public record FailedJob(JobSpec spec, int attempts, JobProgress progress, Instant started, Instant finished, JobError reason,
        Optional<JobResult> result) implements FinishedJob {
    public FailedJob {
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(progress, "progress");
        Objects.requireNonNull(started, "started");
        Objects.requireNonNull(finished, "finished");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(result, "result");
        Finished.check(spec, attempts, started, finished);
    }

    @Override
    public JobStatus status() {
        return JobStatus.FAILED;
    }

    @Override
    public Optional<Instant> startedAt() {
        return Optional.of(started);
    }

    @Override
    public Optional<JobError> error() {
        return Optional.of(reason);
    }
}
