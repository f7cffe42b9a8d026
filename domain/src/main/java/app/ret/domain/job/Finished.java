package app.ret.domain.job;

import java.time.Instant;

/** Invariants shared by the states a job reaches after running. */
final class Finished {
    private Finished() {}

    /**
     * The end of a run as recorded: never before {@code floor}, so a wall clock that steps back
     * cannot make a finished job invalid and leave it stuck in its previous state.
     */
    static Instant notBefore(Instant now, Instant floor) {
        return now.isBefore(floor) ? floor : now;
    }

    static void check(JobSpec spec, int attempts, Instant started, Instant finished) {
        if (attempts < 1 || attempts > spec.maxAttempts()) {
            throw new IllegalArgumentException("a job that ran used 1.." + spec.maxAttempts() + " attempts, not " + attempts);
        }
        if (finished.isBefore(started)) {
            throw new IllegalArgumentException("a job cannot finish before it started");
        }
    }
}
