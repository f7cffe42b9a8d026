package app.ret.application;

import app.ret.ports.out.JobStore;
import java.util.Objects;
import java.util.concurrent.ThreadFactory;

/** The job queue's store, how its jobs are executed, and the factory of its worker and housekeeping threads. */
public record JobDependencies(JobStore store, JobSettings settings, ThreadFactory threads) {
    public JobDependencies {
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(threads, "threads");
    }
}
