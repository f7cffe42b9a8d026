package app.ret.domain.job;

import app.ret.domain.session.SessionId;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Function;

/**
 * A unit of background work and its state machine:
 * {@code queued → running → succeeded | failed | cancelled}, {@code running → queued} for another
 * attempt, {@code queued → cancelled}. Each state is its own type and offers only the transitions
 * that state allows, so an illegal transition does not compile.
 */
public sealed interface Job permits QueuedJob, RunningJob, FinishedJob {
    JobSpec spec();

    /** Attempts started so far; the one running now counts. */
    int attempts();

    JobProgress progress();

    JobStatus status();

    Optional<Instant> startedAt();

    /** Empty until the job reaches a terminal state. */
    default Optional<Instant> finishedAt() {
        return Optional.empty();
    }

    /** Present only for a failed job. */
    default Optional<JobError> error() {
        return Optional.empty();
    }

    /** What the handler produced: a succeeded job's result, or what a failed job's last attempt left. */
    default Optional<JobResult> result() {
        return Optional.empty();
    }

    /**
     * The job after its owner asked to cancel it: a queued job is cancelled at once, a running
     * one is flagged so its worker stops at the next unit boundary, a finished one is unchanged.
     */
    Job cancellationRequested(Instant now);

    /**
     * The job after {@code step}, taken by the worker of {@code attempt}; empty when that attempt no
     * longer holds the job (it finished, or went back to the queue and another attempt took it).
     */
    default Optional<Job> advancedBy(int attempt, Function<RunningJob, Job> step) {
        if (!(this instanceof RunningJob running) || running.attempts() != attempt) {
            return Optional.empty();
        }
        Job next = step.apply(running);
        if (!next.id().equals(id())) {
            throw new IllegalArgumentException("a step must return the same job, not " + next.id());
        }
        return Optional.of(next);
    }

    default JobId id() {
        return spec().id();
    }

    default SessionId owner() {
        return spec().owner();
    }

    default JobType type() {
        return spec().type();
    }

    default boolean isFinished() {
        return status().isFinished();
    }

    /** A succeeded job is complete even when it had no units to count. */
    default int percent() {
        return status() == JobStatus.SUCCEEDED ? 100 : progress().percent();
    }
}
