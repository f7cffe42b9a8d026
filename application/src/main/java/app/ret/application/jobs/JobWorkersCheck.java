package app.ret.application.jobs;

import app.ret.ports.out.HealthCheck;
import java.util.Optional;

/** Readiness fails when no job worker is alive: queued conversions would wait forever. */
public final class JobWorkersCheck implements HealthCheck {
    private final JobRunner runner;

    public JobWorkersCheck(JobRunner runner) {
        this.runner = runner;
    }

    @Override
    public String name() {
        return "job_workers";
    }

    @Override
    public Optional<String> problem() {
        return runner.workerProblem();
    }
}
