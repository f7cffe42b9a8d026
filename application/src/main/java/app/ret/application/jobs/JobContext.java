package app.ret.application.jobs;

import app.ret.domain.job.JobId;
import app.ret.domain.job.JobParameters;
import app.ret.domain.session.SessionId;
import java.time.Duration;

/** What a handler sees of the job it runs and of the runner around it. */
public interface JobContext {
    JobId id();

    SessionId owner();

    JobParameters parameters();

    /** This attempt's number, from 1. */
    int attempt();

    /** Cheap enough to call per unit: it is recorded in memory and written with the next heartbeat. */
    void progress(long done, long total);

    /**
     * True once the handler should stop at the next unit boundary and return
     * {@link JobOutcome.Stopped}: its owner cancelled it, the process is shutting down, or this
     * attempt lost the job.
     */
    boolean stopRequested();

    /** Waits up to {@code duration}, returning early (and true) when a stop is requested. */
    boolean awaitStop(Duration duration);
}
