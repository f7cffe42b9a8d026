package app.ret.ports.out;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.ret.domain.cleanup.CleanupReport;
import app.ret.domain.cleanup.RemovedResource;
import app.ret.domain.job.CancelledJob;
import app.ret.domain.job.FailedInput;
import app.ret.domain.job.FailedJob;
import app.ret.domain.job.Job;
import app.ret.domain.job.JobError;
import app.ret.domain.job.JobId;
import app.ret.domain.job.JobOutput;
import app.ret.domain.job.JobParameters;
import app.ret.domain.job.JobProgress;
import app.ret.domain.job.JobResult;
import app.ret.domain.job.JobStatus;
import app.ret.domain.job.QueuedJob;
import app.ret.domain.job.RunningJob;
import app.ret.domain.job.SucceededJob;
import app.ret.domain.session.Session;
import app.ret.domain.session.SessionId;
import app.ret.ports.testing.MutableClock;
import app.ret.ports.testing.SampleData;
import app.ret.ports.testing.SampleJobs;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link JobStore} must do; the memory and SQLite adapters extend this. */
public abstract class JobStoreContract {
    protected static final Instant T0 = Instant.parse("2026-11-25T12:00:00Z");
    private static final Duration LEASE = Duration.ofSeconds(30);
    private static final long WORK_NANOS = 50_000;

    private final MutableClock clock = new MutableClock(T0);
    private SessionId alice;

    protected abstract JobStore store();

    /** The same data seen through a freshly opened store (a restart); memory stores return themselves. */
    protected abstract JobStore reopened();

    /** Stores that keep referential integrity need the owning session to exist first. */
    protected abstract void sessionExists(Session session);

    @BeforeEach
    void createOwningSession() {
        alice = newSession("alice");
    }

    private SessionId newSession(String username) {
        Session session = SampleData.session(username, T0);
        sessionExists(session);
        return session.id();
    }

    private QueuedJob submitted() {
        QueuedJob job = SampleJobs.queued(alice, clock.instant());
        store().enqueue(job);
        return job;
    }

    private RunningJob claim() {
        return store().claimNext(clock.instant(), clock.instant().plus(LEASE)).orElseThrow();
    }

    @Test
    void enqueueThenFindRoundTrips() {
        QueuedJob job = SampleJobs.queued(alice, T0,
                JobParameters.of("format", "csv").with("paths", List.of("input/b.xml", "input/a.xml", "input/ü ñ.xml")));
        store().enqueue(job);
        assertThat(store().find(job.id())).contains(job);
    }

    @Test
    void absentJobIsEmpty() {
        assertThat(store().find(SampleJobs.newJobId())).isEmpty();
        assertThat(store().listOf(alice)).isEmpty();
        assertThat(store().requestCancellation(SampleJobs.newJobId(), T0)).isEmpty();
        assertThat(store().advance(SampleJobs.newJobId(), 1, running -> running)).isEmpty();
    }

    @Test
    void listingShowsTheSessionsJobsNewestFirst() {
        SessionId bob = newSession("bob");
        QueuedJob first = submitted();
        clock.advance(Duration.ofSeconds(1));
        QueuedJob second = submitted();
        QueuedJob sameInstant = submitted();
        store().enqueue(SampleJobs.queued(bob, T0));
        assertThat(store().listOf(alice)).extracting(Job::id).containsExactly(sameInstant.id(), second.id(), first.id());
        assertThat(store().listOf(bob)).hasSize(1);
    }

    @Test
    void claimStartsTheOldestDueJobWithALease() {
        QueuedJob first = submitted();
        submitted();
        clock.advance(Duration.ofSeconds(5));
        RunningJob claimed = claim();
        assertThat(claimed.id()).isEqualTo(first.id());
        assertThat(claimed.attempts()).isEqualTo(1);
        assertThat(claimed.startedAt()).contains(T0.plusSeconds(5));
        assertThat(claimed.leaseUntil()).isEqualTo(T0.plusSeconds(5).plus(LEASE));
        assertThat(store().find(first.id())).contains(claimed);
    }

    @Test
    void jobsAreCountedByStatusAcrossSessions() {
        assertThat(store().countByStatus()).isEmpty();
        submitted();
        QueuedJob cancelled = submitted();
        store().enqueue(SampleJobs.queued(newSession("bob"), clock.instant()));
        claim();
        store().requestCancellation(cancelled.id(), clock.instant());

        assertThat(store().countByStatus()).containsExactlyInAnyOrderEntriesOf(
                Map.of(JobStatus.QUEUED, 1L, JobStatus.RUNNING, 1L, JobStatus.CANCELLED, 1L));
    }

    @Test
    void claimOnAnEmptyQueueFindsNothing() {
        assertThat(store().claimNext(T0, T0.plus(LEASE))).isEmpty();
        submitted();
        claim();
        assertThat(store().claimNext(T0, T0.plus(LEASE))).isEmpty();
    }

    @Test
    void claimSkipsAJobWaitingOutItsBackOff() {
        QueuedJob retried = submitted();
        QueuedJob later = submitted();
        RunningJob first = claim();
        store().advance(retried.id(), first.attempts(),
                running -> running.retry(new JobError("busy", "try again"), clock.instant(), clock.instant().plusSeconds(10)));
        assertThat(claim().id()).isEqualTo(later.id());
        assertThat(store().claimNext(T0.plusSeconds(10).minusMillis(1), T0.plusSeconds(60))).isEmpty();
        clock.advance(Duration.ofSeconds(10));
        RunningJob second = claim();
        assertThat(second.id()).isEqualTo(retried.id());
        assertThat(second.attempts()).isEqualTo(2);
        assertThat(second.startedAt()).contains(T0);
    }

    @Test
    void concurrentClaimersTakeEveryJobExactlyOnce() throws Exception {
        int jobs = 300;
        Set<JobId> submittedIds = new HashSet<>();
        for (int i = 0; i < jobs; i++) {
            submittedIds.add(submitted().id());
        }
        int claimers = 6;
        // Each claimer holds its job for a moment, as a worker would, so that a fast store
        // cannot drain the whole queue on one thread before the others start.
        ExecutorService pool = Executors.newFixedThreadPool(claimers);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Callable<List<JobId>>> workers = new ArrayList<>();
            for (int i = 0; i < claimers; i++) {
                workers.add(() -> {
                    start.await();
                    List<JobId> mine = new ArrayList<>();
                    Optional<RunningJob> next;
                    while ((next = store().claimNext(T0, T0.plus(LEASE))).isPresent()) {
                        mine.add(next.get().id());
                        LockSupport.parkNanos(WORK_NANOS);
                    }
                    return mine;
                });
            }
            List<Future<List<JobId>>> outcomes = new ArrayList<>();
            for (Callable<List<JobId>> worker : workers) {
                outcomes.add(pool.submit(worker));
            }
            start.countDown();
            List<JobId> claimed = new ArrayList<>();
            int claimersThatGotWork = 0;
            for (Future<List<JobId>> outcome : outcomes) {
                List<JobId> mine = outcome.get();
                claimed.addAll(mine);
                claimersThatGotWork += mine.isEmpty() ? 0 : 1;
            }
            assertThat(claimed).hasSize(jobs).doesNotHaveDuplicates();
            assertThat(new HashSet<>(claimed)).isEqualTo(submittedIds);
            assertThat(claimersThatGotWork).as("the claimers really ran side by side").isGreaterThan(1);
        } finally {
            pool.shutdownNow();
        }
        assertThat(store().listOf(alice)).allSatisfy(job -> assertThat(job.status()).isEqualTo(JobStatus.RUNNING));
    }

    @Test
    void heartbeatStoresProgressAndExtendsTheLease() {
        submitted();
        RunningJob running = claim();
        Optional<Job> after = store().advance(running.id(), running.attempts(),
                current -> current.heartbeat(new JobProgress(2, 5), T0.plusSeconds(90)));
        assertThat(after).containsInstanceOf(RunningJob.class);
        RunningJob stored = (RunningJob) store().find(running.id()).orElseThrow();
        assertThat(stored.progress()).isEqualTo(new JobProgress(2, 5));
        assertThat(stored.leaseUntil()).isEqualTo(T0.plusSeconds(90));
    }

    @Test
    void aSucceededJobKeepsItsResult() {
        submitted();
        RunningJob running = claim();
        JobResult result = new JobResult(
                List.of(new JobOutput("input/a.xml", "output/a.csv", 120, 7, 4096, false),
                        new JobOutput("input/dir/b.xml", "output/dir/b.csv", 0, 0, 0, true)),
                List.of(new FailedInput("input/c.xml", new JobError("invalid_xml", "line 3: unexpected end of file"))),
                JobParameters.of("added", "3").with("columns_only_left", List.of("b", "a", "ü ñ")).with("examples", List.of("")));
        clock.advance(Duration.ofSeconds(2));
        Optional<Job> after = store().advance(running.id(), running.attempts(),
                current -> current.heartbeat(new JobProgress(3, 3), clock.instant()).succeed(result, clock.instant()));
        assertThat(after).containsInstanceOf(SucceededJob.class);
        assertThat(store().find(running.id())).isEqualTo(after);
        assertThat(store().find(running.id()).orElseThrow().result()).contains(result);
        assertThat(store().find(running.id()).orElseThrow().progress()).isEqualTo(new JobProgress(3, 3));
    }

    @Test
    void aFailedJobKeepsItsReasonAndPartialResult() {
        submitted();
        RunningJob running = claim();
        JobResult partial = new JobResult(List.of(),
                List.of(new FailedInput("input/a.xml", new JobError("invalid_xml", "not XML"))));
        JobError reason = new JobError("all_inputs_failed", "every input failed");
        Job failed = store().advance(running.id(), running.attempts(),
                current -> current.fail(reason, Optional.of(partial), clock.instant())).orElseThrow();
        assertThat(failed).isInstanceOf(FailedJob.class);
        assertThat(store().find(running.id())).contains(failed);
        assertThat(failed.error()).contains(reason);
        assertThat(failed.result()).contains(partial);
    }

    @Test
    void endingAJobAndClaimingTheNextIsOneStep() {
        submitted();
        QueuedJob second = submitted();
        RunningJob first = claim();
        clock.advance(Duration.ofSeconds(1));
        Optional<RunningJob> next = store().advanceAndClaimNext(first.id(), first.attempts(),
                current -> current.succeed(JobResult.EMPTY, clock.instant()), clock.instant(), clock.instant().plus(LEASE));
        assertThat(store().find(first.id()).orElseThrow().status()).isEqualTo(JobStatus.SUCCEEDED);
        assertThat(next).hasValueSatisfying(running -> {
            assertThat(running.id()).isEqualTo(second.id());
            assertThat(running.startedAt()).contains(clock.instant());
        });
        assertThat(store().find(second.id())).isEqualTo(next.map(Job.class::cast));
        assertThat(store().advanceAndClaimNext(first.id(), first.attempts(), current -> current.cancel(clock.instant()),
                clock.instant(), clock.instant().plus(LEASE))).as("nothing left to claim").isEmpty();
        assertThat(store().find(first.id()).orElseThrow().status()).as("a finished job stays finished").isEqualTo(JobStatus.SUCCEEDED);
    }

    @Test
    void aRetriedJobCanBeClaimedAgainOnlyWhenDue() {
        submitted();
        RunningJob first = claim();
        Optional<RunningJob> next = store().advanceAndClaimNext(first.id(), first.attempts(),
                current -> current.retry(new JobError("busy", "later"), clock.instant(), clock.instant().plusSeconds(5)),
                clock.instant(), clock.instant().plus(LEASE));
        assertThat(next).isEmpty();
        clock.advance(Duration.ofSeconds(5));
        assertThat(claim().attempts()).isEqualTo(2);
    }

    @Test
    void aStaleAttemptCannotTouchItsSuccessor() {
        submitted();
        RunningJob first = claim();
        clock.advance(LEASE);
        assertThat(store().releaseExpired(clock.instant())).isEqualTo(1);
        RunningJob second = claim();
        assertThat(second.attempts()).isEqualTo(2);
        assertThat(store().advance(first.id(), first.attempts(), current -> current.succeed(JobResult.EMPTY, clock.instant())))
                .isEmpty();
        assertThat(store().find(first.id())).contains(second);
    }

    @Test
    void aFinishedJobCannotBeAdvancedAgain() {
        submitted();
        RunningJob running = claim();
        store().advance(running.id(), running.attempts(), current -> current.cancel(clock.instant()));
        assertThat(store().advance(running.id(), running.attempts(), current -> current.succeed(JobResult.EMPTY, clock.instant())))
                .isEmpty();
        assertThat(store().find(running.id()).orElseThrow().status()).isEqualTo(JobStatus.CANCELLED);
    }

    @Test
    void aStepMustKeepTheJobsIdentity() {
        submitted();
        RunningJob running = claim();
        QueuedJob stranger = SampleJobs.queued(alice, T0);
        assertThatThrownBy(() -> store().advance(running.id(), running.attempts(), current -> stranger))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(store().find(running.id())).contains(running);
    }

    @Test
    void anExpiredLeaseRequeuesUntilTheAttemptsRunOut() {
        QueuedJob job = submitted();
        for (int attempt = 1; attempt <= SampleJobs.MAX_ATTEMPTS; attempt++) {
            RunningJob running = claim();
            assertThat(running.attempts()).isEqualTo(attempt);
            clock.advance(LEASE.minusMillis(1));
            assertThat(store().releaseExpired(clock.instant())).as("lease still held").isZero();
            clock.advance(Duration.ofMillis(1));
            assertThat(store().releaseExpired(clock.instant())).isEqualTo(1);
        }
        Job last = store().find(job.id()).orElseThrow();
        assertThat(last).isInstanceOf(FailedJob.class);
        assertThat(last.attempts()).isEqualTo(SampleJobs.MAX_ATTEMPTS);
        assertThat(last.error().orElseThrow().code()).isEqualTo(JobError.TOO_MANY_ATTEMPTS);
        assertThat(last.finishedAt()).contains(clock.instant());
        assertThat(store().claimNext(clock.instant(), clock.instant().plus(LEASE))).isEmpty();
    }

    @Test
    void aRenewedLeaseDoesNotExpire() {
        submitted();
        RunningJob running = claim();
        clock.advance(LEASE.minusSeconds(1));
        store().advance(running.id(), running.attempts(), current -> current.heartbeat(current.progress(), clock.instant().plus(LEASE)));
        clock.advance(Duration.ofSeconds(1));
        assertThat(store().releaseExpired(clock.instant())).isZero();
        assertThat(store().find(running.id()).orElseThrow().status()).isEqualTo(JobStatus.RUNNING);
    }

    @Test
    void startUpReleasesEveryRunningJobWhateverItsLease() {
        QueuedJob waiting = submitted();
        submitted();
        submitted();
        RunningJob first = claim();
        RunningJob second = claim();
        assertThat(store().releaseAllRunning(clock.instant())).isEqualTo(2);
        assertThat(store().find(first.id()).orElseThrow()).isInstanceOf(QueuedJob.class);
        assertThat(store().find(second.id()).orElseThrow().attempts()).isEqualTo(1);
        assertThat(store().find(waiting.id()).orElseThrow().status()).isEqualTo(JobStatus.QUEUED);
        assertThat(store().releaseAllRunning(clock.instant())).isZero();
    }

    @Test
    void cancellingAQueuedJobFinishesItAtOnce() {
        QueuedJob job = submitted();
        clock.advance(Duration.ofSeconds(3));
        assertThat(store().requestCancellation(job.id(), clock.instant())).containsInstanceOf(CancelledJob.class);
        assertThat(store().find(job.id()).orElseThrow().finishedAt()).contains(clock.instant());
        assertThat(store().claimNext(clock.instant(), clock.instant().plus(LEASE))).isEmpty();
    }

    @Test
    void cancellingARunningJobFlagsItAndItsWorkerSeesTheFlag() {
        submitted();
        RunningJob running = claim();
        Job flagged = store().requestCancellation(running.id(), clock.instant()).orElseThrow();
        assertThat(flagged).isInstanceOfSatisfying(RunningJob.class, job -> assertThat(job.cancelRequested()).isTrue());
        Job seenByWorker = store().advance(running.id(), running.attempts(),
                current -> current.heartbeat(new JobProgress(1, 2), clock.instant().plus(LEASE))).orElseThrow();
        assertThat(((RunningJob) seenByWorker).cancelRequested()).isTrue();
        store().advance(running.id(), running.attempts(), current -> current.cancel(clock.instant()));
        assertThat(store().find(running.id()).orElseThrow().status()).isEqualTo(JobStatus.CANCELLED);
    }

    @Test
    void aFlaggedJobWhoseWorkerDiedIsCancelledNotRetried() {
        submitted();
        RunningJob running = claim();
        store().requestCancellation(running.id(), clock.instant());
        clock.advance(LEASE);
        store().releaseExpired(clock.instant());
        assertThat(store().find(running.id()).orElseThrow().status()).isEqualTo(JobStatus.CANCELLED);
    }

    @Test
    void cancellingAFinishedJobChangesNothing() {
        submitted();
        RunningJob running = claim();
        Job done = store().advance(running.id(), running.attempts(), current -> current.succeed(JobResult.EMPTY, clock.instant()))
                .orElseThrow();
        assertThat(store().requestCancellation(running.id(), clock.instant().plusSeconds(1))).contains(done);
        assertThat(store().find(running.id())).contains(done);
    }

    @Test
    void purgeRemovesEveryJobOfTheSessionOnly() {
        submitted();
        submitted();
        RunningJob running = claim();
        store().advance(running.id(), running.attempts(), current -> current.succeed(JobResult.EMPTY, clock.instant()));
        submitted();
        claim();
        SessionId bob = newSession("bob");
        QueuedJob bobs = SampleJobs.queued(bob, T0);
        store().enqueue(bobs);
        assertThat(store().purge(alice)).isEqualTo(CleanupReport.of(RemovedResource.JOBS, 3));
        assertThat(store().listOf(alice)).isEmpty();
        assertThat(store().find(bobs.id())).contains(bobs);
        assertThat(store().purge(alice)).isEqualTo(CleanupReport.of(RemovedResource.JOBS, 0));
        assertThat(store().resourceName()).isEqualTo("jobs");
    }

    @Test
    void aWorkerWhoseJobWasPurgedLosesIt() {
        submitted();
        RunningJob running = claim();
        store().purge(alice);
        assertThat(store().advance(running.id(), running.attempts(), current -> current.heartbeat(current.progress(), T0.plus(LEASE))))
                .isEmpty();
        assertThat(store().find(running.id())).isEmpty();
    }

    @Test
    void sweepingRemovesOnlyJobsFinishedBeforeTheCutoff() {
        QueuedJob cancelledEarly = submitted();
        store().requestCancellation(cancelledEarly.id(), T0);
        submitted();
        RunningJob finishing = claim();
        submitted();
        RunningJob stillRunning = claim();
        QueuedJob stillQueued = submitted();
        clock.advance(Duration.ofMinutes(10));
        store().advance(finishing.id(), finishing.attempts(), current -> current.succeed(JobResult.EMPTY, clock.instant()));
        assertThat(store().deleteFinishedBefore(T0)).isZero();
        assertThat(store().deleteFinishedBefore(T0.plusMillis(1))).isEqualTo(1);
        assertThat(store().find(cancelledEarly.id())).isEmpty();
        assertThat(store().deleteFinishedBefore(clock.instant())).isZero();
        assertThat(store().deleteFinishedBefore(clock.instant().plusMillis(1))).isEqualTo(1);
        assertThat(store().deleteFinishedBefore(clock.instant().plus(Duration.ofDays(365)))).isZero();
        assertThat(store().listOf(alice)).extracting(Job::id).containsExactly(stillQueued.id(), stillRunning.id());
    }

    @Test
    void jobsSurviveReopening() {
        submitted();
        submitted();
        RunningJob succeeding = claim();
        RunningJob running = store().advance(claim().id(), 1, current -> current.heartbeat(new JobProgress(1, 4), current.leaseUntil()))
                .map(RunningJob.class::cast).orElseThrow();
        QueuedJob queued = submitted();
        Job flagged = store().requestCancellation(running.id(), clock.instant()).orElseThrow();
        JobResult result = new JobResult(List.of(new JobOutput("input/a.xml", "output/a.csv", 1, 1, 2, true)), List.of());
        Job succeeded = store().advance(succeeding.id(), succeeding.attempts(), current -> current.succeed(result, clock.instant()))
                .orElseThrow();
        JobStore again = reopened();
        assertThat(again.find(queued.id())).contains(queued);
        assertThat(again.find(succeeded.id())).contains(succeeded);
        assertThat(again.find(running.id())).contains(flagged);
        assertThat(again.listOf(alice)).containsExactly(queued, flagged, succeeded);
    }
}
