package app.ret.domain.job;

import java.time.Instant;
import java.util.Optional;

/** The terminal states: nothing changes them any more, and each knows when it ended. */
public sealed interface FinishedJob extends Job permits SucceededJob, FailedJob, CancelledJob {
    Instant finished();

    @Override
    default Job cancellationRequested(Instant now) {
        return this;
    }

    @Override
    default Optional<Instant> finishedAt() {
        return Optional.of(finished());
    }
}
