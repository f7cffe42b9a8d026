package app.ret.ports.out;

import app.ret.domain.job.Job;
import app.ret.domain.job.JobId;
import app.ret.domain.job.JobStatus;
import app.ret.domain.job.QueuedJob;
import app.ret.domain.job.RunningJob;
import app.ret.domain.session.SessionId;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The durable job queue. Every change is a transition of the domain's state machine applied to
 * the stored job atomically, so two parties (a worker, its owner cancelling, the lease reaper)
 * can never both act on the same state. Its session cleanup removes every job of the session;
 * a worker still running one of them loses it at its next heartbeat.
 */
public interface JobStore extends SessionResourceCleaner {
    /** Stores a newly submitted job; once this returns, the job survives a crash. */
    void enqueue(QueuedJob job);

    Optional<Job> find(JobId id);

    /** The session's jobs, newest first. */
    List<Job> listOf(SessionId owner);

    /**
     * Atomically takes the oldest queued job that is due at {@code now} and starts its next
     * attempt, leased until {@code leaseUntil}. Each queued job goes to exactly one caller.
     */
    Optional<RunningJob> claimNext(Instant now, Instant leaseUntil);

    /**
     * Atomically applies {@code step} to the job if attempt {@code attempt} still runs it, and
     * stores the job it returns. The answer is the stored job afterwards; empty when that attempt
     * no longer holds the job (it finished, its lease expired and it was released, or it was
     * removed), in which case nothing is changed.
     */
    Optional<Job> advance(JobId id, int attempt, Function<RunningJob, Job> step);

    /**
     * {@link #advance} then {@link #claimNext} in one atomic step: a worker ending one job and
     * taking the next pays for one durable commit, not two. The step's outcome is as with
     * {@code advance} (nothing changes when the attempt lost its job); the claim happens either way.
     */
    Optional<RunningJob> advanceAndClaimNext(JobId id, int attempt, Function<RunningJob, Job> step, Instant now, Instant leaseUntil);

    /** Atomically applies {@link Job#cancellationRequested}; empty when there is no such job. */
    Optional<Job> requestCancellation(JobId id, Instant now);

    /**
     * Abandons every running job whose lease has expired at {@code now} (its worker died):
     * each goes back to the queue, or fails with {@code too_many_attempts}, or is cancelled if
     * that was asked for. Returns how many were released.
     */
    int releaseExpired(Instant now);

    /** At start-up every running job belongs to a process that is gone: abandons all of them. */
    int releaseAllRunning(Instant now);

    /** How many stored jobs each status holds, across all sessions; a status with none is absent. */
    Map<JobStatus, Long> countByStatus();

    /** Removes finished jobs that finished strictly before {@code cutoff}; returns how many. */
    int deleteFinishedBefore(Instant cutoff);
}
