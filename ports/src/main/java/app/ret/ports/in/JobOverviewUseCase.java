package app.ret.ports.in;

import app.ret.domain.job.Job;
import app.ret.domain.job.JobStatus;
import app.ret.domain.session.Session;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** An administrator's view of the jobs of every active session (the jobs of ended sessions are gone with them). */
public interface JobOverviewUseCase {
    int MAX_JOBS = 500;

    /** Newest first, at most {@link #MAX_JOBS}, only those in {@code status} when one is given. */
    List<OwnedJob> jobs(Optional<JobStatus> status);

    /** A job and the session it belongs to. */
    record OwnedJob(Job job, Session session) {
        public OwnedJob {
            Objects.requireNonNull(job, "job");
            Objects.requireNonNull(session, "session");
        }
    }
}
