package app.ret.application.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.ret.adapters.memory.InMemoryJobStore;
import app.ret.adapters.sqlite.SqliteDatabase;
import app.ret.adapters.sqlite.SqliteJobStore;
import app.ret.adapters.sqlite.SqliteSessionStore;
import app.ret.application.auth.SecretGenerator;
import app.ret.domain.cleanup.RemovedResource;
import app.ret.domain.job.Job;
import app.ret.domain.job.JobError;
import app.ret.domain.job.JobId;
import app.ret.domain.job.JobParameters;
import app.ret.domain.job.JobProgress;
import app.ret.domain.job.JobResult;
import app.ret.domain.job.JobSpec;
import app.ret.domain.job.JobStatus;
import app.ret.domain.job.JobType;
import app.ret.domain.job.QueuedJob;
import app.ret.domain.job.RetryBackoff;
import app.ret.domain.job.RunningJob;
import app.ret.domain.session.Session;
import app.ret.domain.session.SessionId;
import app.ret.ports.in.JobsUseCase.CancelResult;
import app.ret.ports.in.JobsUseCase.SubmitResult;
import app.ret.ports.in.JobsUseCase.TestJobRequest;
import app.ret.ports.out.JobStore;
import app.ret.ports.testing.MutableClock;
import app.ret.ports.testing.SampleData;
import app.ret.ports.testing.SampleJobs;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JobRunnerTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final ThreadFactory THREADS = runnable -> {
        Thread thread = new Thread(runnable, "test-job-thread");
        thread.setDaemon(true);
        return thread;
    };

    @TempDir
    Path directory;

    private final SessionId owner = SampleData.newSessionId();
    private final SessionId stranger = SampleData.newSessionId();
    private final List<JobRunner> runners = new ArrayList<>();
    private SqliteDatabase database;
    private JobStore store = new InMemoryJobStore();
    private JobRunner runner;
    private JobsService jobs;
    private ThreadFactory threads = THREADS;

    @AfterEach
    void stopEverything() {
        runners.forEach(each -> each.stop(WAIT));
        if (database != null) {
            database.close();
        }
    }

    private static JobSettings settings(int workers, int maxAttempts, Duration backoffBase) {
        return new JobSettings(workers, maxAttempts, Duration.ofSeconds(3), Duration.ofMillis(20), Duration.ofMillis(20),
                new RetryBackoff(backoffBase, backoffBase.multipliedBy(8)), Duration.ofMinutes(10), true, false);
    }

    private void build(Clock clock, JobSettings settings, JobHandler... extraHandlers) {
        List<JobHandler> handlers = new ArrayList<>(List.of(new TestJobHandler()));
        handlers.addAll(List.of(extraHandlers));
        SplittableRandom random = new SplittableRandom(42);
        runner = new JobRunner(store, clock, random, settings, threads, handlers);
        runners.add(runner);
        jobs = new JobsService(store, settings, new SecretGenerator(random), runner);
    }

    private void build(JobSettings settings, JobHandler... extraHandlers) {
        build(Clock.systemUTC(), settings, extraHandlers);
    }

    private Job submitTest(int units, Duration unit, int transientFailures) {
        SubmitResult result = jobs.submitTestJob(owner, new TestJobRequest(units, unit, transientFailures));
        assertThat(result).isInstanceOf(SubmitResult.Accepted.class);
        return ((SubmitResult.Accepted) result).job();
    }

    private Job stored(JobId id) {
        return store.find(id).orElseThrow();
    }

    private static void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting until " + what);
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    private Job awaitStatus(JobId id, JobStatus status) {
        await("job " + id + " is " + status, () -> stored(id).status() == status);
        return stored(id);
    }

    @Test
    void everyJobRunsExactlyOnceAcrossTheWorkers() {
        Map<JobId, AtomicInteger> runs = new ConcurrentHashMap<>();
        JobType counted = new JobType("counted");
        build(settings(4, 3, Duration.ofSeconds(1)), handler(counted, context -> {
            runs.computeIfAbsent(context.id(), id -> new AtomicInteger()).incrementAndGet();
            return new JobOutcome.Completed(JobResult.EMPTY);
        }));
        runner.start();
        List<Job> submitted = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            submitted.add(jobs.submit(owner, counted, JobParameters.NONE));
        }
        await("all succeeded", () -> jobs.list(owner).stream().allMatch(job -> job.status() == JobStatus.SUCCEEDED));
        assertThat(runs).hasSize(200);
        assertThat(runs.values()).allSatisfy(count -> assertThat(count.get()).isEqualTo(1));
        assertThat(jobs.list(owner)).allSatisfy(job -> {
            assertThat(job.attempts()).isEqualTo(1);
            assertThat(job.percent()).isEqualTo(100);
        });
        assertThat(jobs.list(owner).get(0).id()).isEqualTo(submitted.get(submitted.size() - 1).id());
    }

    @Test
    void progressIsVisibleWhileAJobRuns() {
        build(settings(1, 3, Duration.ofSeconds(1)));
        runner.start();
        Job job = submitTest(10, Duration.ofMillis(60), 0);
        await("partial progress is stored", () -> {
            JobProgress progress = stored(job.id()).progress();
            return stored(job.id()).status() == JobStatus.RUNNING && progress.done() > 0 && progress.done() < progress.total();
        });
        Job done = awaitStatus(job.id(), JobStatus.SUCCEEDED);
        assertThat(done.progress()).isEqualTo(new JobProgress(10, 10));
        assertThat(done.result()).contains(JobResult.EMPTY);
    }

    @Test
    void aQueuedJobIsCancelledAtOnceAndNeverRuns() {
        build(settings(1, 3, Duration.ofSeconds(1)));
        Job job = submitTest(1, Duration.ZERO, 0);
        assertThat(jobs.cancel(owner, job.id())).isInstanceOf(CancelResult.Cancelled.class);
        assertThat(stored(job.id()).status()).isEqualTo(JobStatus.CANCELLED);
        runner.start();
        Job after = submitTest(1, Duration.ZERO, 0);
        awaitStatus(after.id(), JobStatus.SUCCEEDED);
        assertThat(stored(job.id()).status()).isEqualTo(JobStatus.CANCELLED);
        assertThat(stored(job.id()).startedAt()).isEmpty();
    }

    @Test
    void aRunningJobStopsAtItsNextUnitWhenCancelled() {
        build(settings(1, 3, Duration.ofSeconds(1)));
        runner.start();
        Job job = submitTest(1000, Duration.ofMillis(20), 0);
        await("started", () -> stored(job.id()).progress().done() > 0);
        assertThat(jobs.cancel(owner, job.id())).isInstanceOf(CancelResult.CancellationRequested.class);
        Job cancelled = awaitStatus(job.id(), JobStatus.CANCELLED);
        assertThat(cancelled.progress().done()).isBetween(1L, 999L);
        assertThat(cancelled.attempts()).isEqualTo(1);
        assertThat(jobs.cancel(owner, job.id())).isInstanceOf(CancelResult.AlreadyFinished.class);
    }

    /** A job of 1,000 units of 20 ms stops at its next unit when its session ends, and the ending waits until its handler returned. */
    @Test
    void theJobsOfAnEndedSessionStopAtTheirNextUnitAndTheEndingWaitsForThem() {
        build(settings(1, 3, Duration.ofSeconds(1)));
        runner.start();
        Job job = submitTest(1000, Duration.ofMillis(20), 0);
        await("started", () -> stored(job.id()).progress().done() > 0);

        assertThat(runner.stopRunsOf(stranger, Duration.ofMillis(100))).as("another session's ending").isTrue();
        assertThat(stored(job.id()).status()).isEqualTo(JobStatus.RUNNING);
        long started = System.nanoTime();
        assertThat(runner.stopRunsOf(owner, WAIT)).isTrue();

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
        assertThat(stored(job.id()).progress().done()).isLessThan(1000);
    }

    @Test
    void anotherSessionCanNeitherSeeNorCancelAJob() {
        build(settings(1, 3, Duration.ofSeconds(1)));
        Job job = submitTest(1, Duration.ZERO, 0);
        assertThat(jobs.find(stranger, job.id())).isEmpty();
        assertThat(jobs.list(stranger)).isEmpty();
        assertThat(jobs.cancel(stranger, job.id())).isInstanceOf(CancelResult.NotFound.class);
        assertThat(jobs.cancel(owner, SampleJobs.newJobId())).isInstanceOf(CancelResult.NotFound.class);
        assertThat(jobs.find(owner, job.id())).contains(stored(job.id()));
        assertThat(stored(job.id()).status()).isEqualTo(JobStatus.QUEUED);
    }

    @Test
    void testJobsAreRefusedWhenDisabledOrMalformed() {
        JobSettings enabled = settings(1, 3, Duration.ofSeconds(1));
        build(new JobSettings(1, 3, enabled.lease(), enabled.heartbeat(), enabled.idlePoll(), enabled.backoff(), enabled.retention(),
                false, false));
        assertThat(jobs.submitTestJob(owner, new TestJobRequest(1, Duration.ZERO, 0))).isInstanceOf(SubmitResult.NotEnabled.class);
        build(enabled);
        assertThat(jobs.submitTestJob(owner, new TestJobRequest(-1, Duration.ZERO, 0))).isInstanceOf(SubmitResult.Rejected.class);
        assertThat(jobs.submitTestJob(owner, new TestJobRequest(1, Duration.ofMinutes(2), 0))).isInstanceOf(SubmitResult.Rejected.class);
        assertThat(jobs.submitTestJob(owner, new TestJobRequest(1, Duration.ZERO, -1))).isInstanceOf(SubmitResult.Rejected.class);
        assertThat(jobs.list(owner)).isEmpty();
    }

    @Test
    void testJobsAreAcceptedUpToTheirBoundsAndRefusedJustBeyond() {
        build(settings(1, 3, Duration.ofSeconds(1)));
        int most = TestJobRequest.MAX_UNITS;
        Duration longest = TestJobRequest.MAX_UNIT_DURATION;

        assertThat(jobs.submitTestJob(owner, new TestJobRequest(0, Duration.ZERO, 0))).isInstanceOf(SubmitResult.Accepted.class);
        assertThat(jobs.submitTestJob(owner, new TestJobRequest(most, longest, 0))).isInstanceOf(SubmitResult.Accepted.class);
        assertThat(jobs.submitTestJob(owner, new TestJobRequest(most + 1, Duration.ZERO, 0)))
                .isEqualTo(new SubmitResult.Rejected("units must be 0-" + most));
        assertThat(jobs.submitTestJob(owner, new TestJobRequest(1, longest.plusMillis(1), 0)))
                .isEqualTo(new SubmitResult.Rejected("unit duration must be 0-60000 ms"));
        assertThat(jobs.submitTestJob(owner, new TestJobRequest(1, Duration.ofMillis(-1), 0)))
                .isEqualTo(new SubmitResult.Rejected("unit duration must be 0-60000 ms"));
        assertThat(jobs.submitTestJob(owner, new TestJobRequest(1, null, 0)))
                .isEqualTo(new SubmitResult.Rejected("unit duration must be 0-60000 ms"));
        assertThat(jobs.submitTestJob(owner, new TestJobRequest(1, Duration.ZERO, -1)))
                .isEqualTo(new SubmitResult.Rejected("transient failures cannot be negative"));
        assertThat(jobs.list(owner)).hasSize(2);
    }

    @Test
    void aJobOfATypeNoHandlerRunsIsNotSubmitted() {
        build(settings(1, 3, Duration.ofSeconds(1)));

        assertThatThrownBy(() -> jobs.submit(owner, new JobType("retired"), JobParameters.NONE))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("no handler for job type retired");
        assertThat(jobs.list(owner)).isEmpty();
    }

    @Test
    void transientFailuresAreRetriedAfterAJitteredExponentialBackOff() {
        MutableClock clock = MutableClock.atSomeFixedTime();
        build(clock, settings(1, 3, Duration.ofSeconds(10)));
        runner.start();
        Job job = submitTest(1, Duration.ZERO, 2);
        await("first attempt failed", () -> stored(job.id()) instanceof QueuedJob queued && queued.attempts() == 1);
        Instant firstRetry = ((QueuedJob) stored(job.id())).notBefore();
        assertThat(Duration.between(clock.instant(), firstRetry)).isBetween(Duration.ofSeconds(5), Duration.ofSeconds(10));
        clock.set(firstRetry.minusMillis(1));
        pauseForSomeIdlePolls();
        assertThat(stored(job.id()).attempts()).as("not before its back-off ends").isEqualTo(1);
        clock.set(firstRetry);
        await("second attempt failed", () -> stored(job.id()) instanceof QueuedJob queued && queued.attempts() == 2);
        Instant secondRetry = ((QueuedJob) stored(job.id())).notBefore();
        assertThat(Duration.between(clock.instant(), secondRetry)).isBetween(Duration.ofSeconds(10), Duration.ofSeconds(20));
        clock.set(secondRetry);
        Job done = awaitStatus(job.id(), JobStatus.SUCCEEDED);
        assertThat(done.attempts()).isEqualTo(3);
    }

    @Test
    void aJobThatKeepsFailingTransientlyFailsWithTooManyAttempts() {
        build(settings(2, 3, Duration.ofMillis(10)));
        runner.start();
        Job job = submitTest(1, Duration.ZERO, 5);
        Job failed = awaitStatus(job.id(), JobStatus.FAILED);
        assertThat(failed.attempts()).isEqualTo(3);
        assertThat(failed.error().orElseThrow().code()).isEqualTo(JobError.TOO_MANY_ATTEMPTS);
        assertThat(failed.error().orElseThrow().message()).contains("planned transient failure on attempt 3");
    }

    @Test
    void aBrokenHandlerFailsItsJobWithoutLeakingDetailsAndTheWorkerCarriesOn() {
        JobType broken = new JobType("broken");
        build(settings(1, 3, Duration.ofSeconds(1)), handler(broken, context -> {
            throw new IllegalStateException("secret detail /srv/ret/path");
        }));
        runner.start();
        Job job = jobs.submit(owner, broken, JobParameters.NONE);
        Job failed = awaitStatus(job.id(), JobStatus.FAILED);
        assertThat(failed.error()).contains(new JobError(JobError.INTERNAL, "the job failed unexpectedly"));
        Job next = submitTest(1, Duration.ZERO, 0);
        awaitStatus(next.id(), JobStatus.SUCCEEDED);
    }

    @Test
    void aJobOfATypeWithoutHandlerFails() {
        build(settings(1, 3, Duration.ofSeconds(1)));
        QueuedJob orphan = QueuedJob.submit(new JobSpec(SampleJobs.newJobId(), owner, new JobType("retired"), JobParameters.NONE,
                runner.now(), 3));
        store.enqueue(orphan);
        runner.start();
        Job failed = awaitStatus(orphan.id(), JobStatus.FAILED);
        assertThat(failed.error().orElseThrow().code()).isEqualTo(JobError.UNKNOWN_TYPE);
    }

    @Test
    void startUpReleasesJobsThePreviousProcessLeftRunning() {
        build(settings(1, 3, Duration.ofSeconds(1)));
        Job job = submitTest(2, Duration.ZERO, 0);
        RunningJob orphaned = store.claimNext(runner.now(), runner.now().plusSeconds(3600)).orElseThrow();
        assertThat(runner.start()).isEqualTo(1);
        Job done = awaitStatus(job.id(), JobStatus.SUCCEEDED);
        assertThat(done.attempts()).isEqualTo(orphaned.attempts() + 1);
    }

    @Test
    void onASharedQueueStartUpLeavesJobsOtherInstancesHoldAndReleasesOnlyExpiredLeases() {
        MutableClock clock = MutableClock.atSomeFixedTime();
        build(clock, settings(1, 3, Duration.ofSeconds(1)).shared());
        Job heldElsewhere = submitTest(1, Duration.ZERO, 0);
        Job abandonedElsewhere = submitTest(1, Duration.ZERO, 0);
        Instant now = runner.now();
        RunningJob held = store.claimNext(now, now.plusSeconds(3600)).orElseThrow();
        store.claimNext(now, now.plusSeconds(1)).orElseThrow();
        assertThat(held.id()).isEqualTo(heldElsewhere.id());
        clock.set(now.plusSeconds(1));
        assertThat(runner.start()).isEqualTo(1);
        assertThat(awaitStatus(abandonedElsewhere.id(), JobStatus.SUCCEEDED).attempts()).isEqualTo(2);
        assertThat(stored(heldElsewhere.id())).as("another instance's running job is left to it").isEqualTo(held);
    }

    @Test
    void aJobWhoseWorkerStoppedRenewingItsLeaseIsReleasedAndRunAgain() {
        MutableClock clock = MutableClock.atSomeFixedTime();
        build(clock, settings(1, 3, Duration.ofSeconds(1)));
        runner.start();
        // Due only later than the runner's clock, so that only the dead worker below can claim it.
        Instant later = clock.instant().plusSeconds(100);
        QueuedJob job = QueuedJob.submit(new JobSpec(SampleJobs.newJobId(), owner, TestJobHandler.TYPE,
                TestJobHandler.parameters(new TestJobRequest(1, Duration.ZERO, 0)), later, 3));
        store.enqueue(job);
        RunningJob deadWorkers = store.claimNext(later, later.plusSeconds(3)).orElseThrow();
        clock.set(later.plusMillis(2999));
        runner.sweep();
        pauseForSomeIdlePolls();
        assertThat(stored(job.id())).as("lease still held").isEqualTo(deadWorkers);
        clock.set(later.plusSeconds(3));
        runner.sweep();
        Job done = awaitStatus(job.id(), JobStatus.SUCCEEDED);
        assertThat(done.attempts()).isEqualTo(2);
    }

    @Test
    void stoppingPutsRunningJobsBackInTheQueueForTheNextStart() {
        build(settings(1, 3, Duration.ofSeconds(1)));
        runner.start();
        Job job = submitTest(1000, Duration.ofMillis(20), 0);
        await("started", () -> stored(job.id()).progress().done() > 0);
        assertThat(runner.stop(WAIT)).isTrue();
        assertThat(stored(job.id())).isInstanceOfSatisfying(QueuedJob.class, queued -> assertThat(queued.attempts()).isEqualTo(1));
        build(settings(1, 3, Duration.ofSeconds(1)));
        assertThat(runner.start()).isZero();
        await("running again", () -> stored(job.id()).attempts() == 2);
        assertThat(jobs.cancel(owner, job.id())).isInstanceOf(CancelResult.CancellationRequested.class);
        awaitStatus(job.id(), JobStatus.CANCELLED);
    }

    @Test
    void purgingTheSessionTakesTheJobAwayFromItsWorker() {
        build(settings(1, 3, Duration.ofSeconds(1)));
        runner.start();
        Job job = submitTest(1000, Duration.ofMillis(20), 0);
        await("started", () -> stored(job.id()).progress().done() > 0);
        assertThat(store.purge(owner).count(RemovedResource.JOBS)).isEqualTo(1);
        Job next = jobs.submit(stranger, TestJobHandler.TYPE, TestJobHandler.parameters(new TestJobRequest(1, Duration.ZERO, 0)));
        awaitStatus(next.id(), JobStatus.SUCCEEDED);
        assertThat(store.find(job.id())).isEmpty();
    }

    @Test
    void finishedJobsAreSweptAfterTheirRetention() {
        MutableClock clock = MutableClock.atSomeFixedTime();
        build(clock, settings(1, 3, Duration.ofSeconds(1)));
        runner.start();
        Job finished = submitTest(0, Duration.ZERO, 0);
        awaitStatus(finished.id(), JobStatus.SUCCEEDED);
        QueuedJob notDueForADay = SampleJobs.queued(owner, clock.instant().plus(Duration.ofDays(1)));
        store.enqueue(notDueForADay);
        clock.advance(Duration.ofMinutes(10));
        runner.sweep();
        assertThat(store.find(finished.id())).as("kept for its whole retention").isPresent();
        clock.advance(Duration.ofMillis(1));
        runner.sweep();
        assertThat(store.find(finished.id())).isEmpty();
        assertThat(store.find(notDueForADay.id())).isPresent();
    }

    @Test
    void theQueueRunsOnSqliteToo() {
        database = SqliteDatabase.open(directory.resolve("ret_session.db"), Clock.systemUTC());
        Session session = SampleData.session("alice", Instant.now());
        new SqliteSessionStore(database).insert(session);
        store = new SqliteJobStore(database);
        build(settings(2, 3, Duration.ofMillis(10)));
        runner.start();
        List<Job> submitted = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            submitted.add(jobs.submitTestJob(session.id(), new TestJobRequest(3, Duration.ZERO, i % 3 == 0 ? 1 : 0)) instanceof
                    SubmitResult.Accepted accepted ? accepted.job() : null);
        }
        await("all succeeded", () -> jobs.list(session.id()).stream().allMatch(job -> job.status() == JobStatus.SUCCEEDED));
        assertThat(jobs.list(session.id())).hasSize(30).allSatisfy(job -> assertThat(job.progress()).isEqualTo(new JobProgress(3, 3)));
        assertThat(submitted).doesNotContainNull();
    }

    private static void pauseForSomeIdlePolls() {
        try {
            Thread.sleep(150);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    @Test
    void aJobThatExhaustsMemoryFailsOnceWithItsCodeAndTheWorkerCarriesOn() {
        JobType greedy = new JobType("greedy");
        build(settings(1, 3, Duration.ofMillis(10)), handler(greedy, context -> {
            throw new OutOfMemoryError("Java heap space");
        }));
        runner.start();
        Job job = jobs.submit(owner, greedy, JobParameters.NONE);

        Job failed = awaitStatus(job.id(), JobStatus.FAILED);

        assertThat(failed.error().orElseThrow().code()).isEqualTo(JobError.OUT_OF_MEMORY);
        assertThat(failed.error().orElseThrow().message()).contains("not retried");
        assertThat(failed.attempts()).as("retrying cannot help").isEqualTo(1);
        awaitStatus(submitTest(1, Duration.ZERO, 0).id(), JobStatus.SUCCEEDED);
        assertThat(runner.liveWorkers()).isEqualTo(1);
    }

    @Test
    void anErrorThatEndsItsWorkerFailsTheJobAndAReplacementRunsTheNextJob() {
        JobType fatal = new JobType("fatal");
        List<Thread> ranOn = new CopyOnWriteArrayList<>();
        build(settings(1, 3, Duration.ofMillis(10)), handler(fatal, context -> {
            ranOn.add(Thread.currentThread());
            throw new InternalError("broken class");
        }));
        runner.start();
        Job job = jobs.submit(owner, fatal, JobParameters.NONE);

        Job failed = awaitStatus(job.id(), JobStatus.FAILED);
        assertThat(failed.error()).contains(new JobError(JobError.INTERNAL, "the job failed unexpectedly"));
        assertThat(failed.attempts()).isEqualTo(1);
        await("the broken worker ended", () -> !ranOn.get(0).isAlive());

        awaitStatus(submitTest(1, Duration.ZERO, 0).id(), JobStatus.SUCCEEDED);
        await("a replacement worker runs", () -> runner.liveWorkers() == 1);
        assertThat(runner.workerProblem()).isEmpty();
    }

    @Test
    void readinessFailsWhenNoWorkerIsAliveAndNoneCanReplaceIt() {
        AtomicInteger created = new AtomicInteger();
        threads = runnable -> created.incrementAndGet() <= 2 ? THREADS.newThread(runnable) : null;
        JobType fatal = new JobType("fatal");
        build(settings(1, 3, Duration.ofMillis(10)), handler(fatal, context -> {
            throw new InternalError("broken class");
        }));
        assertThat(runner.workerProblem()).contains("job workers not started");
        runner.start();
        assertThat(runner.workerProblem()).isEmpty();

        jobs.submit(owner, fatal, JobParameters.NONE);

        await("the only worker is gone", () -> runner.liveWorkers() == 0);
        assertThat(runner.workerProblem()).contains("no job worker alive");
        assertThat(created).as("a replacement was asked for").hasValue(3);
    }

    @Test
    void twoHandlersForOneJobTypeAreRefused() {
        assertThatThrownBy(() -> build(settings(1, 3, Duration.ofSeconds(1)), new TestJobHandler()))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("two handlers for job type " + TestJobHandler.TYPE);
    }

    @Test
    void itStartsItsConfiguredWorkersOnceAndAfterStoppingStartsNoneAgain() {
        AtomicInteger created = new AtomicInteger();
        threads = runnable -> {
            created.incrementAndGet();
            return THREADS.newThread(runnable);
        };
        build(settings(3, 3, Duration.ofSeconds(1)));
        runner.start();
        assertThat(runner.liveWorkers()).isEqualTo(3);
        assertThat(created).as("three workers and the heartbeat").hasValue(4);
        assertThatThrownBy(runner::start).isInstanceOf(IllegalStateException.class);

        assertThat(runner.stop(WAIT)).isTrue();

        assertThat(runner.liveWorkers()).isZero();
        assertThat(runner.workerProblem()).contains("job workers stopping");
        assertThat(created).as("no replacement for workers that ended by stopping").hasValue(4);
        assertThatThrownBy(runner::start).isInstanceOf(IllegalStateException.class);
    }

    /**
     * A handler that does not look at its stop request outlasts both waits, which say so; when it
     * returns at last, its outcome is stored and, the runner stopping, no further job is claimed.
     */
    @Test
    void aHandlerIgnoringItsStopRequestOutlastsTheWaitsAndTheStoppedRunnerClaimsNoMoreJobs() throws Exception {
        JobType stubborn = new JobType("stubborn");
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        build(settings(1, 3, Duration.ofSeconds(1)), handler(stubborn, context -> {
            running.countDown();
            awaitUninterruptibly(release);
            return new JobOutcome.Completed(JobResult.EMPTY);
        }));
        runner.start();
        Job job = jobs.submit(owner, stubborn, JobParameters.NONE);
        assertThat(running.await(WAIT.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
        Job next = submitTest(1, Duration.ZERO, 0);

        assertThat(runner.stopRunsOf(owner, Duration.ofMillis(50))).isFalse();
        assertThat(runner.stop(Duration.ofMillis(50))).isFalse();
        release.countDown();

        assertThat(awaitStatus(job.id(), JobStatus.SUCCEEDED).attempts()).isEqualTo(1);
        await("the worker ended", () -> runner.liveWorkers() == 0);
        assertThat(stored(next.id())).as("left for the next start").isInstanceOf(QueuedJob.class);
        assertThat(stored(next.id()).attempts()).isZero();
    }

    /** With the lease at 3 s, a running job's lease is renewed once a third of it has passed since the last renewal, not before. */
    @Test
    void aRunningJobsLeaseIsRenewedEachTimeAThirdOfItHasPassed() throws Exception {
        MutableClock clock = MutableClock.atSomeFixedTime();
        JobType waiting = new JobType("waiting");
        CountDownLatch running = new CountDownLatch(1);
        build(clock, settings(1, 3, Duration.ofSeconds(1)), handler(waiting, context -> {
            running.countDown();
            context.awaitStop(WAIT);
            return new JobOutcome.Stopped();
        }));
        runner.start();
        Job job = jobs.submit(owner, waiting, JobParameters.NONE);
        assertThat(running.await(WAIT.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
        Instant claimed = clock.instant();
        assertThat(leaseOf(job.id())).isEqualTo(claimed.plusSeconds(3));

        clock.advance(Duration.ofMillis(999));
        pauseForSomeIdlePolls();
        assertThat(leaseOf(job.id())).as("not yet renewed").isEqualTo(claimed.plusSeconds(3));
        clock.advance(Duration.ofMillis(1));
        await("renewed", () -> leaseOf(job.id()).equals(claimed.plusSeconds(4)));
        clock.advance(Duration.ofMillis(999));
        pauseForSomeIdlePolls();
        assertThat(leaseOf(job.id())).as("a third after the renewal, not after the claim").isEqualTo(claimed.plusSeconds(4));
    }

    private Instant leaseOf(JobId id) {
        return ((RunningJob) stored(id)).leaseUntil();
    }

    /** Another instance sharing the queue cancels the job in the store: the worker learns it at its next heartbeat. */
    @Test
    void aCancellationStoredByAnotherInstanceStopsTheJobAtTheNextHeartbeat() {
        build(settings(1, 3, Duration.ofSeconds(1)));
        runner.start();
        Job job = submitTest(1000, Duration.ofMillis(20), 0);
        await("started", () -> stored(job.id()).progress().done() > 0);

        assertThat(store.requestCancellation(job.id(), runner.now())).isPresent();

        Job cancelled = awaitStatus(job.id(), JobStatus.CANCELLED);
        assertThat(cancelled.progress().done()).isBetween(1L, 999L);
    }

    /**
     * Lease 1 h, heartbeat 20 min: no heartbeat comes while the test runs, so a cancellation or a
     * session's ending can reach the running handler only directly.
     */
    @Test
    void aCancellationOrTheEndOfItsSessionReachesTheRunningHandlerDirectlyNotAtTheNextHeartbeat() throws Exception {
        List<Thread> created = new CopyOnWriteArrayList<>();
        threads = runnable -> {
            Thread thread = THREADS.newThread(runnable);
            created.add(thread);
            return thread;
        };
        JobType waiting = new JobType("waiting");
        BlockingQueue<JobContext> running = new LinkedBlockingQueue<>();
        JobSettings quick = settings(1, 3, Duration.ofSeconds(1));
        build(new JobSettings(1, 3, Duration.ofHours(1), Duration.ofMinutes(20), quick.idlePoll(), quick.backoff(), quick.retention(), true,
                false), handler(waiting, context -> {
                    running.add(context);
                    return context.awaitStop(WAIT) ? new JobOutcome.Stopped() : new JobOutcome.Completed(JobResult.EMPTY);
                }));
        runner.start();
        try {
            Job cancelled = jobs.submit(owner, waiting, JobParameters.NONE);
            assertThat(running.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS)).isNotNull();
            assertThat(jobs.cancel(owner, cancelled.id())).isInstanceOf(CancelResult.CancellationRequested.class);
            await("the cancelled job finished", () -> stored(cancelled.id()).isFinished());
            assertThat(stored(cancelled.id()).status()).isEqualTo(JobStatus.CANCELLED);

            jobs.submit(owner, waiting, JobParameters.NONE);
            JobContext ending = running.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            assertThat(ending).isNotNull();
            assertThat(runner.stopRunsOf(stranger, Duration.ofMillis(50))).isTrue();
            assertThat(ending.stopRequested()).as("after another session's ending").isFalse();
            assertThat(runner.stopRunsOf(owner, WAIT)).isTrue();
            assertThat(ending.stopRequested()).isTrue();
        } finally {
            created.forEach(Thread::interrupt);
        }
    }

    /** With an idle poll of 10 min, a submission and a stop reach the waiting workers at once. */
    @Test
    void idleWorkersWakeAtASubmissionAndAtStopNotAtTheirNextPoll() {
        JobSettings quick = settings(2, 3, Duration.ofSeconds(1));
        build(new JobSettings(2, 3, quick.lease(), quick.heartbeat(), Duration.ofMinutes(10), quick.backoff(), quick.retention(), true,
                false));
        runner.start();

        awaitStatus(submitTest(1, Duration.ZERO, 0).id(), JobStatus.SUCCEEDED);

        assertThat(runner.stop(Duration.ofSeconds(3))).isTrue();
    }

    private static void awaitUninterruptibly(CountDownLatch latch) {
        boolean interrupted = false;
        while (true) {
            try {
                latch.await();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private static JobHandler handler(JobType type, Function<JobContext, JobOutcome> body) {
        return new JobHandler() {
            @Override
            public JobType type() {
                return type;
            }

            @Override
            public JobOutcome run(JobContext context) {
                return body.apply(context);
            }
        };
    }
}
