package app.ret.application.jobs;

import app.ret.domain.job.JobType;

/**
 * Runs one type of job. A handler works in units (files, for a conversion), reports progress
 * after each and checks {@link JobContext#stopRequested()} between them; it may be run again
 * for the same job after a crash, so its effects must be safe to repeat.
 */
public interface JobHandler {
    JobType type();

    JobOutcome run(JobContext context);
}
