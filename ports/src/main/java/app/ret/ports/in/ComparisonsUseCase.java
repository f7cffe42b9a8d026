package app.ret.ports.in;

import app.ret.domain.job.Job;
import app.ret.domain.session.SessionId;
import java.util.List;
import java.util.Objects;

/** Comparing two CSV outputs of a session, as one background job per request. */
public interface ComparisonsUseCase {
    /** At most this many key columns. */
    int MAX_KEY_COLUMNS = 64;

    /**
     * Queues a job that compares {@code left} with {@code right}; not found when either is not a CSV
     * in the session's output area (another session's path is not found either).
     */
    Submission submit(SessionId owner, ComparisonRequest request);

    /** Workspace paths ({@code output/...csv}) and the key columns (none: rows are compared whole). */
    record ComparisonRequest(String left, String right, List<String> key) {
        public ComparisonRequest {
            Objects.requireNonNull(left, "left");
            Objects.requireNonNull(right, "right");
            key = List.copyOf(key);
        }
    }

    sealed interface Submission {
        record Accepted(Job job) implements Submission {}

        /** {@code which} names the field: {@code left} or {@code right}. */
        record NotFound(String which) implements Submission {}

        record Rejected(String reason) implements Submission {}
    }
}
