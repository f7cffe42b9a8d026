package app.ret.application.jobs;

import app.ret.domain.job.JobStatus;
import app.ret.domain.session.Session;
import app.ret.ports.in.JobOverviewUseCase;
import app.ret.ports.out.JobStore;
import app.ret.ports.out.SessionStore;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Every active session's jobs, read session by session: a job lives only as long as its session
 * (ending one removes its jobs), so the active sessions hold every job there is to see.
 */
public final class JobOverviewService implements JobOverviewUseCase {
    private static final Comparator<OwnedJob> NEWEST_FIRST =
            Comparator.comparing((OwnedJob owned) -> owned.job().spec().createdAt()).reversed();

    private final SessionStore sessions;
    private final JobStore jobs;

    public JobOverviewService(SessionStore sessions, JobStore jobs) {
        this.sessions = sessions;
        this.jobs = jobs;
    }

    @Override
    public List<OwnedJob> jobs(Optional<JobStatus> status) {
        List<OwnedJob> owned = new ArrayList<>();
        for (Session session : sessions.listActive()) {
            jobs.listOf(session.id()).stream()
                    .filter(job -> status.map(wanted -> job.status() == wanted).orElse(true))
                    .forEach(job -> owned.add(new OwnedJob(job, session)));
        }
        owned.sort(NEWEST_FIRST);
        return owned.size() > MAX_JOBS ? List.copyOf(owned.subList(0, MAX_JOBS)) : List.copyOf(owned);
    }
}
