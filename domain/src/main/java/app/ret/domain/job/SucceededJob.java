package app.ret.domain.job;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

public record SucceededJob(JobSpec spec, int attempts, JobProgress progress, Instant started, Instant finished, JobResult produced)
        implements FinishedJob {
    public SucceededJob {
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(progress, "progress");
        Objects.requireNonNull(started, "started");
        Objects.requireNonNull(finished, "finished");
        Objects.requireNonNull(produced, "produced");
        Finished.check(spec, attempts, started, finished);
    }

    @Override
    public JobStatus status() {
        return JobStatus.SUCCEEDED;
    }

    @Override
    public Optional<Instant> startedAt() {
        return Optional.of(started);
    }

    @Override
    public Optional<JobResult> result() {
        return Optional.of(produced);
    }
}
