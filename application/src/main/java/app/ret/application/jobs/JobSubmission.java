package app.ret.application.jobs;

import app.ret.domain.job.Job;
import app.ret.domain.job.JobParameters;
import app.ret.domain.job.JobType;
import app.ret.domain.session.SessionId;

/** Puts a job in the queue for a session, durably, and wakes a worker: how a job queues a follow-up job. */
@FunctionalInterface
public interface JobSubmission {
    Job submit(SessionId owner, JobType type, JobParameters parameters);
}
