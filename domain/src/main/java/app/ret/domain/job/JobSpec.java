package app.ret.domain.job;

import app.ret.domain.session.SessionId;
import java.time.Instant;
import java.util.Objects;

/** What does not change over a job's life: who asked for what, when, and how many tries it gets. */
public record JobSpec(JobId id, SessionId owner, JobType type, JobParameters parameters, Instant createdAt, int maxAttempts) {
    public JobSpec {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(parameters, "parameters");
        Objects.requireNonNull(createdAt, "createdAt");
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("a job needs at least one attempt");
        }
    }
}
