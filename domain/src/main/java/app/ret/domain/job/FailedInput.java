package app.ret.domain.job;

import java.util.Objects;

/** One input a job could not process; the job itself may still succeed. */
public record FailedInput(String input, JobError error) {
    public FailedInput {
        if (input == null || input.isBlank()) {
            throw new IllegalArgumentException("a failed input has a name");
        }
        Objects.requireNonNull(error, "error");
    }
}
