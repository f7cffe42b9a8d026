package app.ret.domain.job;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A job as the flat set of fields a store keeps: every state's fields side by side, each empty
 * where the state has none. Stores write {@link #of(Job) a snapshot} and read one back with
 * {@link #job()}, so which field belongs to which state is decided here once, not per database.
 */
public record JobSnapshot(JobSpec spec, JobStatus status, int attempts, JobProgress progress, Optional<Instant> notBefore,
        Optional<Instant> startedAt, Optional<Instant> leaseUntil, boolean cancelRequested, Optional<Instant> finishedAt,
        Optional<JobError> error, Optional<JobResult> result) {
    public JobSnapshot {
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(progress, "progress");
        Objects.requireNonNull(notBefore, "notBefore");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(leaseUntil, "leaseUntil");
        Objects.requireNonNull(finishedAt, "finishedAt");
        Objects.requireNonNull(error, "error");
        Objects.requireNonNull(result, "result");
    }

    public static JobSnapshot of(Job job) {
        return new JobSnapshot(job.spec(), job.status(), job.attempts(), job.progress(),
                job instanceof QueuedJob queued ? Optional.of(queued.notBefore()) : Optional.empty(),
                job.startedAt(),
                job instanceof RunningJob running ? Optional.of(running.leaseUntil()) : Optional.empty(),
                job instanceof RunningJob running && running.cancelRequested(),
                job.finishedAt(), job.error(), job.result());
    }

    /** The job in its state; a field its state needs but the snapshot lacks is a corrupt store and throws. */
    public Job job() {
        return switch (status) {
            case QUEUED -> new QueuedJob(spec, attempts, startedAt, notBefore.orElseThrow());
            case RUNNING -> new RunningJob(spec, attempts, progress, startedAt.orElseThrow(), leaseUntil.orElseThrow(), cancelRequested);
            case SUCCEEDED -> new SucceededJob(spec, attempts, progress, startedAt.orElseThrow(), finishedAt.orElseThrow(), result.orElseThrow());
            case FAILED -> new FailedJob(spec, attempts, progress, startedAt.orElseThrow(), finishedAt.orElseThrow(), error.orElseThrow(),
                    result);
            case CANCELLED -> new CancelledJob(spec, attempts, progress, startedAt, finishedAt.orElseThrow());
        };
    }
}
