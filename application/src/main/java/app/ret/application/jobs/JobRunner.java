package app.ret.application.jobs;

import app.ret.domain.job.Job;
import app.ret.domain.job.JobError;
import app.ret.domain.job.JobId;
import app.ret.domain.job.JobParameters;
import app.ret.domain.job.JobProgress;
import app.ret.domain.job.JobType;
import app.ret.domain.job.RunningJob;
import app.ret.domain.session.SessionId;
import app.ret.ports.in.JobExecutionUseCase;
import app.ret.ports.out.JobStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.random.RandomGenerator;

/**
 * The worker pool. Each worker claims a job, runs its handler and stores how it ended; a
 * heartbeat thread renews the running jobs' leases and stores their progress (which is also how
 * a worker learns that its job was cancelled or removed). {@link #sweep()}, run by the core's
 * scheduler, releases jobs whose workers died and removes old finished jobs.
 */
public final class JobRunner implements JobExecutionUseCase {
    private static final System.Logger LOG = System.getLogger(JobRunner.class.getName());
    private static final JobError HANDLER_BROKE = new JobError(JobError.INTERNAL, "the job failed unexpectedly");
    private static final JobError HANDLER_EXHAUSTED_MEMORY = new JobError(JobError.OUT_OF_MEMORY,
            "the job needed more memory than the server can give one job; it is not retried");

    /**
     * How long a session's ending waits for its running jobs to stop (their handlers return at the
     * next unit or input); below the other instances' acknowledgement wait, so the ending's cleanup
     * normally starts after their last write.
     */
    public static final Duration ENDED_SESSION_STOP_WAIT = Duration.ofSeconds(1);

    private final JobStore store;
    private final Clock clock;
    private final RandomGenerator random;
    private final JobSettings settings;
    private final ThreadFactory threads;
    private final Map<JobType, JobHandler> handlers;
    private final Map<JobId, ActiveRun> active = new ConcurrentHashMap<>();
    private final Semaphore wakeups = new Semaphore(0);
    private final List<Thread> started = new ArrayList<>();
    private final Set<Thread> liveWorkers = ConcurrentHashMap.newKeySet();
    private volatile boolean stopping;
    private volatile boolean stopped;

    public JobRunner(JobStore store, Clock clock, RandomGenerator random, JobSettings settings, ThreadFactory threads, List<JobHandler> handlers) {
        this.store = store;
        this.clock = clock;
        this.random = random;
        this.settings = settings;
        this.threads = threads;
        Map<JobType, JobHandler> byType = new ConcurrentHashMap<>();
        for (JobHandler handler : handlers) {
            if (byType.putIfAbsent(handler.type(), handler) != null) {
                throw new IllegalArgumentException("two handlers for job type " + handler.type());
            }
        }
        this.handlers = Map.copyOf(byType);
    }

    /** Job times are kept to the millisecond, as durable stores keep them. */
    Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    boolean handles(JobType type) {
        return handlers.containsKey(type);
    }

    @Override
    public synchronized int start() {
        if (!started.isEmpty() || stopping) {
            throw new IllegalStateException("the job runner starts once");
        }
        int released = settings.sharedQueue() ? store.releaseExpired(now()) : store.releaseAllRunning(now());
        if (released > 0) {
            LOG.log(System.Logger.Level.INFO, "released {0} jobs left running by the previous process", released);
        }
        for (int i = 0; i < settings.workers(); i++) {
            Thread worker = threads.newThread(this::work);
            liveWorkers.add(worker);
            started.add(worker);
        }
        started.add(threads.newThread(this::beat));
        started.forEach(Thread::start);
        return released;
    }

    /**
     * Job workers whose threads are running now: fewer than configured only while a dead one is
     * being replaced, none when they died and could not be replaced (readiness then fails).
     */
    public int liveWorkers() {
        return (int) liveWorkers.stream().filter(Thread::isAlive).count();
    }

    /** Empty while at least one worker runs; else why no job can run. */
    public Optional<String> workerProblem() {
        synchronized (this) {
            if (started.isEmpty()) {
                return Optional.of("job workers not started");
            }
        }
        if (stopping) {
            return Optional.of("job workers stopping");
        }
        return liveWorkers() == 0 ? Optional.of("no job worker alive") : Optional.empty();
    }

    /** A worker's thread ended while the runner runs: start another in its place. */
    private void replaceWorker() {
        Thread replacement;
        synchronized (this) {
            if (stopping) {
                return;
            }
            try {
                replacement = threads.newThread(this::work);
            } catch (RuntimeException | Error e) {
                LOG.log(System.Logger.Level.ERROR, "a job worker died and could not be replaced", e);
                return;
            }
            if (replacement == null) {
                LOG.log(System.Logger.Level.ERROR, "a job worker died and the thread factory gave no replacement");
                return;
            }
            liveWorkers.add(replacement);
            started.add(replacement);
        }
        LOG.log(System.Logger.Level.WARNING, "a job worker died; started a replacement");
        replacement.start();
    }

    /** A job was submitted, here or by another instance: an idle worker should look now rather than at its next poll. */
    public void wake() {
        wakeups.release();
    }

    /**
     * The session ended (here or on another instance): its jobs running here are told to stop now
     * rather than at the next heartbeat, and this waits — at most {@code wait} — until their handlers
     * have returned, so that whatever cleans up after the session starts after their last write.
     * True when every one returned in time.
     */
    public boolean stopRunsOf(SessionId owner, Duration wait) {
        List<ActiveRun> runs = active.values().stream().filter(run -> run.owner().equals(owner)).toList();
        runs.forEach(ActiveRun::requestStop);
        long deadline = System.nanoTime() + wait.toNanos();
        boolean returned = true;
        for (ActiveRun run : runs) {
            returned &= run.awaitReturned(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
        }
        if (!returned) {
            LOG.log(System.Logger.Level.WARNING, "jobs of ended session {0} still running after {1} ms; what they write is removed"
                    + " by the sweep of ended sessions' leftovers", owner, wait.toMillis());
        }
        return returned;
    }

    /** Its owner cancelled a running job: tell its worker now rather than at the next heartbeat. */
    void cancelRequested(JobId id) {
        ActiveRun run = active.get(id);
        if (run != null) {
            run.requestStop();
        }
    }

    @Override
    public boolean stop(Duration grace) {
        List<Thread> threadsToJoin;
        synchronized (this) {
            stopping = true;
            threadsToJoin = List.copyOf(started);
        }
        active.values().forEach(ActiveRun::requestStop);
        wakeups.release(threadsToJoin.size());
        long deadline = System.nanoTime() + grace.toNanos();
        boolean allEnded = true;
        for (Thread thread : threadsToJoin) {
            try {
                thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            allEnded &= !thread.isAlive();
        }
        stopped = true;
        if (!allEnded) {
            LOG.log(System.Logger.Level.WARNING, "job workers still busy after {0}; their jobs run again at the next start", grace);
        }
        return allEnded;
    }

    /**
     * A worker's life. It survives whatever a job throws (the job fails) and whatever the store
     * throws that a later attempt may not (exhausted memory included); an error beyond that ends
     * the thread, and another takes its place.
     */
    private void work() {
        try {
            while (!stopping) {
                try {
                    wakeups.drainPermits();
                    Instant now = now();
                    Optional<RunningJob> next = store.claimNext(now, now.plus(settings.lease()));
                    if (next.isEmpty()) {
                        idle();
                    }
                    while (next.isPresent()) {
                        next = runAndTakeNext(next.get());
                    }
                } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
                    // The job, if any, stays running until its lease expires and is then retried.
                    LOG.log(System.Logger.Level.ERROR, "job worker failed; continuing", e);
                    idle();
                }
            }
        } finally {
            liveWorkers.remove(Thread.currentThread());
            replaceWorker();
        }
    }

    private void idle() {
        try {
            wakeups.tryAcquire(settings.idlePoll().toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopping = true;
        }
    }

    /** Runs the job, stores how it ended and, unless stopping, claims the next job in the same commit. */
    private Optional<RunningJob> runAndTakeNext(RunningJob job) {
        ActiveRun run = new ActiveRun(job, now());
        active.put(job.id(), run);
        LOG.log(System.Logger.Level.INFO, "job {0} ({1}) attempt {2} started", job.id(), job.type(), job.attempts());
        if (stopping) {
            run.requestStop();
        }
        JobOutcome outcome;
        Error fatal = null;
        try {
            JobHandler handler = handlers.get(job.type());
            outcome = handler == null
                    ? new JobOutcome.Failed(new JobError(JobError.UNKNOWN_TYPE, "no handler for job type " + job.type()), Optional.empty())
                    : handler.run(run);
        } catch (OutOfMemoryError e) {
            // Its memory is free again once the handler's frames are gone; the same input would exhaust it again.
            LOG.log(System.Logger.Level.ERROR, "job " + job.id() + " of type " + job.type() + " ran out of memory", e);
            outcome = new JobOutcome.Failed(HANDLER_EXHAUSTED_MEMORY, Optional.empty());
        } catch (RuntimeException | StackOverflowError e) {
            LOG.log(System.Logger.Level.ERROR, "job " + job.id() + " of type " + job.type() + " failed", e);
            outcome = new JobOutcome.Failed(HANDLER_BROKE, Optional.empty());
        } catch (Error e) {
            // Stored as failed first, so that the job does not kill worker after worker; then this thread ends.
            LOG.log(System.Logger.Level.ERROR, "job " + job.id() + " of type " + job.type() + " broke its worker", e);
            outcome = new JobOutcome.Failed(HANDLER_BROKE, Optional.empty());
            fatal = e;
        } finally {
            active.remove(job.id());
            run.returned();
        }
        LOG.log(System.Logger.Level.INFO, "job {0} attempt {1} ended: {2}", job.id(), job.attempts(), outcome.getClass().getSimpleName());
        Function<RunningJob, Job> conclusion = conclusion(outcome, run.progress());
        if (fatal != null) {
            store.advance(job.id(), job.attempts(), conclusion);
            throw fatal;
        }
        if (stopping) {
            store.advance(job.id(), job.attempts(), conclusion);
            return Optional.empty();
        }
        Instant now = now();
        return store.advanceAndClaimNext(job.id(), job.attempts(), conclusion, now, now.plus(settings.lease()));
    }

    private Function<RunningJob, Job> conclusion(JobOutcome outcome, JobProgress progress) {
        Instant now = now();
        if (outcome instanceof JobOutcome.Completed completed) {
            return running -> running.heartbeat(progress, running.leaseUntil()).succeed(completed.result(), now);
        }
        if (outcome instanceof JobOutcome.Failed failed) {
            return running -> running.heartbeat(progress, running.leaseUntil()).fail(failed.error(), failed.partial(), now);
        }
        if (outcome instanceof JobOutcome.Transient transientFailure) {
            return running -> running.retry(transientFailure.error(), now, now.plus(backoffAfter(running.attempts())));
        }
        return running -> running.abandon(now);
    }

    private Duration backoffAfter(int attempt) {
        double jitter;
        synchronized (random) {
            jitter = random.nextDouble();
        }
        return settings.backoff().delayAfter(attempt, jitter);
    }

    private void beat() {
        // While stopping, running jobs keep their leases until their handlers have returned.
        while (!stopped && (!stopping || !active.isEmpty())) {
            try {
                Thread.sleep(settings.heartbeat().toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            try {
                active.values().forEach(this::heartbeat);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.ERROR, "job heartbeat failed; retrying at the next beat", e);
            }
        }
    }

    private void heartbeat(ActiveRun run) {
        Instant now = now();
        Duration renewEvery = settings.lease().dividedBy(3);
        boolean renewalDue = !now.isBefore(run.lastBeat().plus(renewEvery));
        if (!run.takeDirtyProgress() && !renewalDue) {
            return;
        }
        JobProgress progress = run.progress();
        Optional<Job> after = store.advance(run.id(), run.attempt(), running -> running.heartbeat(progress, now.plus(settings.lease())));
        run.beatAt(now);
        if (after.isEmpty() || (after.get() instanceof RunningJob running && running.cancelRequested())) {
            run.requestStop();
        }
    }

    /** Releases jobs whose workers stopped renewing their lease and removes jobs finished longer than the retention ago. */
    public void sweep() {
        Instant now = now();
        int released = store.releaseExpired(now);
        if (released > 0) {
            LOG.log(System.Logger.Level.WARNING, "released {0} jobs whose workers stopped renewing their lease", released);
        }
        int removed = store.deleteFinishedBefore(now.minus(settings.retention()));
        if (removed > 0) {
            LOG.log(System.Logger.Level.INFO, "removed {0} jobs finished more than {1} ago", removed, settings.retention());
        }
    }

    /** One running attempt as its handler and the heartbeat see it. */
    private static final class ActiveRun implements JobContext {
        private final RunningJob job;
        private final CountDownLatch stop = new CountDownLatch(1);
        private final CountDownLatch handlerReturned = new CountDownLatch(1);
        private volatile JobProgress progress;
        private volatile boolean progressDirty;
        private volatile Instant lastBeat;

        ActiveRun(RunningJob job, Instant claimedAt) {
            this.job = job;
            this.progress = job.progress();
            this.lastBeat = claimedAt;
        }

        @Override
        public JobId id() {
            return job.id();
        }

        @Override
        public SessionId owner() {
            return job.owner();
        }

        @Override
        public JobParameters parameters() {
            return job.spec().parameters();
        }

        @Override
        public int attempt() {
            return job.attempts();
        }

        @Override
        public void progress(long done, long total) {
            progress = new JobProgress(done, total);
            progressDirty = true;
        }

        JobProgress progress() {
            return progress;
        }

        boolean takeDirtyProgress() {
            boolean dirty = progressDirty;
            progressDirty = false;
            return dirty;
        }

        Instant lastBeat() {
            return lastBeat;
        }

        void beatAt(Instant now) {
            lastBeat = now;
        }

        void requestStop() {
            stop.countDown();
        }

        void returned() {
            handlerReturned.countDown();
        }

        boolean awaitReturned(Duration duration) {
            try {
                return handlerReturned.await(duration.toNanos(), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }

        @Override
        public boolean stopRequested() {
            return stop.getCount() == 0;
        }

        @Override
        public boolean awaitStop(Duration duration) {
            try {
                return stop.await(duration.toNanos(), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return true;
            }
        }
    }
}
