package app.ret.application.comparison;

import app.ret.application.jobs.JobContext;
import app.ret.domain.job.JobId;
import app.ret.domain.job.JobParameters;
import app.ret.domain.session.SessionId;
import app.ret.ports.testing.SampleJobs;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A first attempt of a job of {@code owner}, never asked to stop, that keeps every progress it is given as {done, total}. */
final class RecordingJobContext implements JobContext {
    private final JobId id = SampleJobs.newJobId();
    private final SessionId owner;
    private final JobParameters parameters;
    private final List<long[]> progress = new CopyOnWriteArrayList<>();

    RecordingJobContext(SessionId owner, JobParameters parameters) {
        this.owner = owner;
        this.parameters = parameters;
    }

    List<long[]> progress() {
        return progress;
    }

    long[] last() {
        return progress.get(progress.size() - 1);
    }

    @Override
    public JobId id() {
        return id;
    }

    @Override
    public SessionId owner() {
        return owner;
    }

    @Override
    public JobParameters parameters() {
        return parameters;
    }

    @Override
    public int attempt() {
        return 1;
    }

    @Override
    public void progress(long done, long total) {
        progress.add(new long[] {done, total});
    }

    @Override
    public boolean stopRequested() {
        return false;
    }

    @Override
    public boolean awaitStop(Duration duration) {
        return false;
    }
}
