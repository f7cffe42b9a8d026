package app.ret.application.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import app.ret.adapters.memory.CachedSessionStore;
import app.ret.adapters.memory.InMemoryCacheTier;
import app.ret.adapters.memory.InMemoryJobStore;
import app.ret.adapters.memory.InMemorySessionStore;
import app.ret.application.cache.CacheDependencies;
import app.ret.application.cache.TieredCacheService;
import app.ret.application.auth.SecretGenerator;
import app.ret.application.jobs.JobRunner;
import app.ret.application.jobs.JobSettings;
import app.ret.application.jobs.JobsService;
import app.ret.application.jobs.TestJobHandler;
import app.ret.domain.cache.CacheEntry;
import app.ret.domain.cache.CacheKey;
import app.ret.domain.cache.CacheKeyPrefix;
import app.ret.domain.job.Job;
import app.ret.domain.job.JobStatus;
import app.ret.domain.session.EndReason;
import app.ret.domain.session.Session;
import app.ret.ports.in.JobsUseCase.SubmitResult;
import app.ret.ports.in.JobsUseCase.TestJobRequest;
import app.ret.ports.testing.MutableClock;
import app.ret.ports.testing.SampleData;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Other instances' changes, applied to what this instance keeps for itself: the cache's memory tier
 * (the shared persistent tier written behind the core's back), the sessions held in memory (ended in
 * the store behind their backs) and idle job workers (jobs queued by another instance's service).
 */
class PeerChangesTest {
    private static final CacheKey A = new CacheKey("shared:a");
    private static final CacheKey B = new CacheKey("shared:b");
    private static final CacheKey OTHER = new CacheKey("other:c");
    /** Idle workers look for jobs once an hour unless woken. */
    private static final JobSettings SETTINGS = new JobSettings(1, 3, JobSettings.DEFAULT_LEASE, JobSettings.DEFAULT_HEARTBEAT,
            Duration.ofHours(1), JobSettings.DEFAULT_BACKOFF, Duration.ofHours(1), true, true);

    private final MutableClock clock = MutableClock.atSomeFixedTime();
    private final InMemoryCacheTier memory = new InMemoryCacheTier(100, 1 << 20);
    private final InMemoryCacheTier shared = new InMemoryCacheTier(100, 1 << 20);
    private final TieredCacheService cache = new TieredCacheService(clock, new CacheDependencies(memory, shared, Duration.ofHours(1)), Runnable::run);
    private final InMemorySessionStore durableSessions = new InMemorySessionStore();
    private final CachedSessionStore sessions = new CachedSessionStore(durableSessions, clock, Duration.ofHours(1));
    private final InMemoryJobStore jobStore = new InMemoryJobStore();
    private final List<Thread> threads = new CopyOnWriteArrayList<>();
    private final JobRunner runner = runner(task -> {
        Thread thread = new Thread(task);
        threads.add(thread);
        return thread;
    });
    /** Another instance on the same job queue: its submissions wake its own workers only. */
    private final JobsService elsewhere = new JobsService(jobStore, SETTINGS, new SecretGenerator(new SplittableRandom(2)),
            runner(Executors.defaultThreadFactory()));
    private final PeerChangesService peers = new PeerChangesService(cache, sessions, runner);

    @AfterEach
    void stopWorkers() {
        runner.stop(Duration.ofSeconds(5));
    }

    @Test
    void aKeyAnotherInstanceChangedIsReadFromTheSharedTierAgain() {
        cache.put(A, new byte[] {1});
        cache.put(B, new byte[] {1});
        changedElsewhere(A, 2);
        changedElsewhere(B, 2);
        assertThat(value(A)).as("the memory copy, until told").contains((byte) 1);

        peers.cacheEntryChanged(A);

        assertThat(value(A)).contains((byte) 2);
        assertThat(value(B)).as("only the key named").contains((byte) 1);
    }

    @Test
    void aPrefixAnotherInstanceChangedDropsEveryMemoryCopyUnderItAndNoOther() {
        cache.put(A, new byte[] {1});
        cache.put(B, new byte[] {1});
        cache.put(OTHER, new byte[] {1});
        changedElsewhere(A, 2);
        changedElsewhere(B, 2);
        changedElsewhere(OTHER, 2);

        peers.cacheEntriesChanged(new CacheKeyPrefix("shared:"));

        assertThat(value(A)).contains((byte) 2);
        assertThat(value(B)).contains((byte) 2);
        assertThat(value(OTHER)).contains((byte) 1);
    }

    @Test
    void whileNoticesAreLostTheSharedTierAnswersAndOnceTheyResumeMemoryServesAfresh() {
        cache.put(A, new byte[] {1});

        peers.noticesLost();
        assertThat(memory.get(A, clock.instant())).as("memory emptied").isEmpty();
        changedElsewhere(A, 2);
        assertThat(value(A)).contains((byte) 2);
        changedElsewhere(A, 3);
        assertThat(value(A)).as("nothing served from memory meanwhile").contains((byte) 3);

        peers.noticesResumed();
        assertThat(value(A)).contains((byte) 3);
        assertThat(memory.get(A, clock.instant())).as("promoted again").isPresent();
        changedElsewhere(A, 4);
        assertThat(value(A)).as("memory serves again").contains((byte) 3);
    }

    @Test
    void aSessionAnotherInstanceEndedIsNoLongerTakenFromMemory() {
        Session session = heldInMemory();
        endedElsewhere(session);
        assertThat(sessions.find(session.id())).as("the memory copy, until told").hasValueSatisfying(held -> assertThat(held.isActive()).isTrue());

        peers.sessionEnded(session.id());

        assertThat(sessions.find(session.id())).hasValueSatisfying(read -> assertThat(read.isActive()).isFalse());
    }

    @Test
    void whileNoticesAreLostSessionsAreReadFromTheStoreAndOnceTheyResumeMemoryHoldsThemAgain() {
        Session session = heldInMemory();

        peers.noticesLost();
        assertThat(sessions.find(session.id())).isPresent();
        Session other = SampleData.session("bob", clock.instant());
        durableSessions.insert(other);
        assertThat(sessions.find(other.id())).isPresent();
        endedElsewhere(other);
        assertThat(sessions.find(other.id())).as("nothing held meanwhile").hasValueSatisfying(read -> assertThat(read.isActive()).isFalse());

        peers.noticesResumed();
        assertThat(sessions.find(session.id())).isPresent();
        endedElsewhere(session);
        assertThat(sessions.find(session.id())).as("held again, until a notice").hasValueSatisfying(held -> assertThat(held.isActive()).isTrue());
    }

    @Test
    void aJobAnotherInstanceQueuedIsTakenAtOnceByAnIdleWorker() throws InterruptedException {
        runner.start();
        awaitWorkerIdle();
        Job queued = queuedElsewhere();

        peers.jobsQueued();

        awaitSucceeded(queued);
    }

    @Test
    void whenNoticesResumeIdleWorkersLookForJobsQueuedMeanwhile() throws InterruptedException {
        runner.start();
        awaitWorkerIdle();
        peers.noticesLost();
        Job queued = queuedElsewhere();

        peers.noticesResumed();

        awaitSucceeded(queued);
    }

    private Session heldInMemory() {
        Session session = SampleData.session("alice", clock.instant());
        durableSessions.insert(session);
        assertThat(sessions.find(session.id())).isPresent();
        return session;
    }

    private void endedElsewhere(Session session) {
        assertThat(durableSessions.markEnding(session.id(), EndReason.LOGOUT, clock.instant().plusSeconds(60))).isPresent();
    }

    private JobRunner runner(ThreadFactory threadFactory) {
        return new JobRunner(jobStore, clock, new SplittableRandom(1), SETTINGS, threadFactory, List.of(new TestJobHandler()));
    }

    private Job queuedElsewhere() {
        SubmitResult submitted = elsewhere.submitTestJob(SampleData.newSessionId(), new TestJobRequest(1, Duration.ZERO, 0));
        return ((SubmitResult.Accepted) submitted).job();
    }

    /** The worker (the first thread started) waits out its idle poll: only a wake-up brings it back before the hour is over. */
    private void awaitWorkerIdle() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (threads.isEmpty() || threads.get(0).getState() != Thread.State.TIMED_WAITING) {
            assertThat(System.nanoTime()).as("the worker never went idle").isLessThan(deadline);
            Thread.sleep(1);
        }
    }

    private void awaitSucceeded(Job job) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (jobStore.find(job.id()).orElseThrow().status() != JobStatus.SUCCEEDED) {
            assertThat(System.nanoTime()).as("job " + job.id() + " not taken").isLessThan(deadline);
            Thread.sleep(5);
        }
    }

    private void changedElsewhere(CacheKey key, int value) {
        shared.put(CacheEntry.expiring(key, new byte[] {(byte) value}, clock.instant(), Duration.ofHours(1)));
    }

    private Optional<Byte> value(CacheKey key) {
        return cache.get(key).map(entry -> entry.value()[0]);
    }
}
