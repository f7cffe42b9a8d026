package app.ret.application.jobs;

import app.ret.domain.job.JobError;
import app.ret.domain.job.JobResult;
import java.util.Optional;

/** How a handler's run ended; the runner turns it into the job's next state. */
public sealed interface JobOutcome {
    record Completed(JobResult result) implements JobOutcome {}

    /** For good: no retry would help. */
    record Failed(JobError error, Optional<JobResult> partial) implements JobOutcome {}

    /** Worth another attempt after a back-off (a resource briefly unavailable). */
    record Transient(JobError error) implements JobOutcome {}

    /** Stopped early because {@link JobContext#stopRequested()} said so. */
    record Stopped() implements JobOutcome {}
}
