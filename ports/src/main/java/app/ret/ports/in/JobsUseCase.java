package app.ret.ports.in;

import app.ret.domain.job.Job;
import app.ret.domain.job.JobId;
import app.ret.domain.session.SessionId;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** A session's view of its jobs: only its own, never another session's. */
public interface JobsUseCase {
    /** The session's job; empty for an unknown id and for another session's job alike. */
    Optional<Job> find(SessionId owner, JobId id);

    /** The session's jobs, newest first. */
    List<Job> list(SessionId owner);

    CancelResult cancel(SessionId owner, JobId id);

    /**
     * Submits a job of the built-in {@code test} type, which exercises the queue without doing
     * real work; refused unless test jobs are enabled in the settings.
     */
    SubmitResult submitTestJob(SessionId owner, TestJobRequest request);

    /**
     * {@code units} steps of {@code unitDuration} each, reporting progress after every step; the
     * first {@code transientFailures} attempts fail transiently before doing any step.
     */
    record TestJobRequest(int units, Duration unitDuration, int transientFailures) {
        public static final int MAX_UNITS = 100_000;
        public static final Duration MAX_UNIT_DURATION = Duration.ofMinutes(1);
    }

    sealed interface SubmitResult {
        /** Stored durably: the job will run, after a crash too. */
        record Accepted(Job job) implements SubmitResult {}

        record Rejected(String reason) implements SubmitResult {}

        /** This server does not run test jobs (they are a switch for tests and operators). */
        record NotEnabled() implements SubmitResult {}
    }

    sealed interface CancelResult {
        /** The job was queued and is now cancelled. */
        record Cancelled(Job job) implements CancelResult {}

        /** The job is running; its worker stops at the next unit boundary. */
        record CancellationRequested(Job job) implements CancelResult {}

        record AlreadyFinished(Job job) implements CancelResult {}

        record NotFound() implements CancelResult {}
    }
}
