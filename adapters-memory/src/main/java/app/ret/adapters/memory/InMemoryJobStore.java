package app.ret.adapters.memory;

import app.ret.domain.cleanup.CleanupReport;
import app.ret.domain.cleanup.RemovedResource;
import app.ret.domain.job.Job;
import app.ret.domain.job.JobId;
import app.ret.domain.job.JobStatus;
import app.ret.domain.job.QueuedJob;
import app.ret.domain.job.RunningJob;
import app.ret.domain.session.SessionId;
import app.ret.ports.out.JobStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * One lock for the whole queue: a claim must find and start a job atomically, and the stored
 * values are immutable jobs, so nothing handed out can change behind the store's back.
 */
public final class InMemoryJobStore implements JobStore {
    private final Map<JobId, Stored> jobs = new HashMap<>();
    /** Queued jobs in submission order, the order claims take them in. */
    private final TreeMap<Long, JobId> queue = new TreeMap<>();
    private long sequence;

    private record Stored(long sequence, Job job) {
        Stored with(Job next) {
            return new Stored(sequence, next);
        }
    }

    @Override
    public String resourceName() {
        return "jobs";
    }

    @Override
    public synchronized void enqueue(QueuedJob job) {
        if (jobs.containsKey(job.id())) {
            throw new IllegalArgumentException("job already exists: " + job.id());
        }
        long position = ++sequence;
        jobs.put(job.id(), new Stored(position, job));
        queue.put(position, job.id());
    }

    @Override
    public synchronized Optional<Job> find(JobId id) {
        return Optional.ofNullable(jobs.get(id)).map(Stored::job);
    }

    @Override
    public synchronized List<Job> listOf(SessionId owner) {
        return jobs.values().stream()
                .filter(stored -> stored.job().owner().equals(owner))
                .sorted(Comparator.comparing((Stored stored) -> stored.job().spec().createdAt())
                        .thenComparingLong(Stored::sequence).reversed())
                .map(Stored::job)
                .toList();
    }

    @Override
    public synchronized Map<JobStatus, Long> countByStatus() {
        Map<JobStatus, Long> counts = new EnumMap<>(JobStatus.class);
        jobs.values().forEach(stored -> counts.merge(stored.job().status(), 1L, Long::sum));
        return counts;
    }

    @Override
    public synchronized Optional<RunningJob> claimNext(Instant now, Instant leaseUntil) {
        for (JobId id : queue.values()) {
            QueuedJob queued = (QueuedJob) jobs.get(id).job();
            if (queued.isDueAt(now)) {
                RunningJob running = queued.start(now, leaseUntil);
                store(id, running);
                return Optional.of(running);
            }
        }
        return Optional.empty();
    }

    @Override
    public synchronized Optional<Job> advance(JobId id, int attempt, Function<RunningJob, Job> step) {
        Optional<Job> next = Optional.ofNullable(jobs.get(id)).flatMap(stored -> stored.job().advancedBy(attempt, step));
        next.ifPresent(advanced -> store(id, advanced));
        return next;
    }

    @Override
    public synchronized Optional<RunningJob> advanceAndClaimNext(JobId id, int attempt, Function<RunningJob, Job> step, Instant now,
            Instant leaseUntil) {
        advance(id, attempt, step);
        return claimNext(now, leaseUntil);
    }

    @Override
    public synchronized Optional<Job> requestCancellation(JobId id, Instant now) {
        Stored stored = jobs.get(id);
        if (stored == null) {
            return Optional.empty();
        }
        Job next = stored.job().cancellationRequested(now);
        store(id, next);
        return Optional.of(next);
    }

    @Override
    public synchronized int releaseExpired(Instant now) {
        return release(running -> running.leaseExpiredAt(now), now);
    }

    @Override
    public synchronized int releaseAllRunning(Instant now) {
        return release(running -> true, now);
    }

    private int release(Predicate<RunningJob> abandoned, Instant now) {
        List<RunningJob> released = new ArrayList<>();
        for (Stored stored : jobs.values()) {
            if (stored.job() instanceof RunningJob running && abandoned.test(running)) {
                released.add(running);
            }
        }
        released.forEach(running -> store(running.id(), running.abandon(now)));
        return released.size();
    }

    @Override
    public synchronized int deleteFinishedBefore(Instant cutoff) {
        return remove(job -> job.finishedAt().filter(finished -> finished.isBefore(cutoff)).isPresent());
    }

    @Override
    public synchronized CleanupReport purge(SessionId sessionId) {
        return CleanupReport.of(RemovedResource.JOBS, remove(job -> job.owner().equals(sessionId)));
    }

    private int remove(Predicate<Job> doomed) {
        int removed = 0;
        for (Iterator<Stored> it = jobs.values().iterator(); it.hasNext(); ) {
            Stored stored = it.next();
            if (doomed.test(stored.job())) {
                it.remove();
                queue.remove(stored.sequence());
                removed++;
            }
        }
        return removed;
    }

    private void store(JobId id, Job next) {
        Stored stored = jobs.get(id).with(next);
        jobs.put(id, stored);
        if (next instanceof QueuedJob) {
            queue.put(stored.sequence(), id);
        } else {
            queue.remove(stored.sequence());
        }
    }
}
