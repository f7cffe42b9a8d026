package app.ret.domain.job;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Held by one worker until {@code leaseUntil}; the worker renews the lease while it lives. The
 * attempt count identifies the holder: an attempt that lost the job cannot touch its successor.
 */
public record RunningJob(JobSpec spec, int attempts, JobProgress progress, Instant started, Instant leaseUntil, boolean cancelRequested)
        implements Job {
    static final JobError INTERRUPTED = new JobError("interrupted", "the attempt was interrupted before it finished");

    public RunningJob {
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(progress, "progress");
        Objects.requireNonNull(started, "started");
        Objects.requireNonNull(leaseUntil, "leaseUntil");
        if (attempts < 1 || attempts > spec.maxAttempts()) {
            throw new IllegalArgumentException("a running job is on attempt 1.." + spec.maxAttempts() + ", not " + attempts);
        }
    }

    public boolean leaseExpiredAt(Instant now) {
        return !now.isBefore(leaseUntil);
    }

    /** The worker is alive: record its progress and extend its lease (never shorten it). */
    public RunningJob heartbeat(JobProgress latest, Instant renewedUntil) {
        Instant until = renewedUntil.isAfter(leaseUntil) ? renewedUntil : leaseUntil;
        return new RunningJob(spec, attempts, latest, started, until, cancelRequested);
    }

    public RunningJob requestCancel() {
        return new RunningJob(spec, attempts, progress, started, leaseUntil, true);
    }

    @Override
    public Job cancellationRequested(Instant now) {
        return requestCancel();
    }

    public SucceededJob succeed(JobResult result, Instant now) {
        return new SucceededJob(spec, attempts, progress, started, Finished.notBefore(now, started), result);
    }

    public FailedJob fail(JobError reason, Optional<JobResult> partial, Instant now) {
        return new FailedJob(spec, attempts, progress, started, Finished.notBefore(now, started), reason, partial);
    }

    public CancelledJob cancel(Instant now) {
        return new CancelledJob(spec, attempts, progress, Optional.of(started), Finished.notBefore(now, started));
    }

    /**
     * The attempt failed in a way worth trying again: back to the queue until {@code notBefore},
     * unless cancellation was asked for (cancelled) or no attempt is left (failed).
     */
    public Job retry(JobError reason, Instant now, Instant notBefore) {
        if (cancelRequested) {
            return cancel(now);
        }
        if (attempts >= spec.maxAttempts()) {
            return fail(gaveUp(reason), Optional.empty(), now);
        }
        return new QueuedJob(spec, attempts, Optional.of(started), notBefore);
    }

    /** The worker is gone (crash, expired lease, shutdown): the attempt counts as a failed one. */
    public Job abandon(Instant now) {
        return retry(INTERRUPTED, now, now);
    }

    private JobError gaveUp(JobError last) {
        String message = "gave up after " + attempts + (attempts == 1 ? " attempt" : " attempts") + "; last: " + last.message();
        return new JobError(JobError.TOO_MANY_ATTEMPTS,
                message.length() > JobError.MAX_MESSAGE_LENGTH ? message.substring(0, JobError.MAX_MESSAGE_LENGTH) : message);
    }

    @Override
    public JobStatus status() {
        return JobStatus.RUNNING;
    }

    @Override
    public Optional<Instant> startedAt() {
        return Optional.of(started);
    }
}
