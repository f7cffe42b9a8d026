package app.ret.application.jobs;

import app.ret.application.auth.SecretGenerator;
import app.ret.domain.job.CancelledJob;
import app.ret.domain.job.Job;
import app.ret.domain.job.JobId;
import app.ret.domain.job.JobParameters;
import app.ret.domain.job.JobSpec;
import app.ret.domain.job.JobType;
import app.ret.domain.job.QueuedJob;
import app.ret.domain.job.RunningJob;
import app.ret.domain.session.SessionId;
import app.ret.ports.in.JobsUseCase;
import app.ret.ports.out.JobStore;
import java.util.List;
import java.util.Optional;

public final class JobsService implements JobsUseCase, JobSubmission {
    private final JobStore store;
    private final JobSettings settings;
    private final SecretGenerator secrets;
    private final JobRunner runner;

    public JobsService(JobStore store, JobSettings settings, SecretGenerator secrets, JobRunner runner) {
        this.store = store;
        this.settings = settings;
        this.secrets = secrets;
        this.runner = runner;
    }

    /** Stores the job durably and wakes a worker; other use cases submit their jobs here. */
    @Override
    public Job submit(SessionId owner, JobType type, JobParameters parameters) {
        if (!runner.handles(type)) {
            throw new IllegalArgumentException("no handler for job type " + type);
        }
        QueuedJob job = QueuedJob.submit(new JobSpec(JobId.fromRandomBytes(secrets.bytes(JobId.RANDOM_BYTES)), owner, type, parameters,
                runner.now(), settings.maxAttempts()));
        store.enqueue(job);
        runner.wake();
        return job;
    }

    @Override
    public SubmitResult submitTestJob(SessionId owner, TestJobRequest request) {
        if (!settings.testJobsEnabled()) {
            return new SubmitResult.NotEnabled();
        }
        Optional<String> problem = TestJobHandler.problemWith(request);
        if (problem.isPresent()) {
            return new SubmitResult.Rejected(problem.get());
        }
        return new SubmitResult.Accepted(submit(owner, TestJobHandler.TYPE, TestJobHandler.parameters(request)));
    }

    @Override
    public Optional<Job> find(SessionId owner, JobId id) {
        return store.find(id).filter(job -> job.owner().equals(owner));
    }

    @Override
    public List<Job> list(SessionId owner) {
        return store.listOf(owner);
    }

    @Override
    public CancelResult cancel(SessionId owner, JobId id) {
        Optional<Job> before = find(owner, id);
        if (before.isEmpty()) {
            return new CancelResult.NotFound();
        }
        if (before.get().isFinished()) {
            return new CancelResult.AlreadyFinished(before.get());
        }
        Optional<Job> after = store.requestCancellation(id, runner.now());
        if (after.isEmpty()) {
            return new CancelResult.NotFound();
        }
        Job job = after.get();
        if (job instanceof RunningJob) {
            runner.cancelRequested(id);
            return new CancelResult.CancellationRequested(job);
        }
        return job instanceof CancelledJob ? new CancelResult.Cancelled(job) : new CancelResult.AlreadyFinished(job);
    }
}
