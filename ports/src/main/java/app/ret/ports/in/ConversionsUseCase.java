package app.ret.ports.in;

import app.ret.domain.conversion.ConversionOptions;
import app.ret.domain.session.SessionId;
import app.ret.ports.in.JobsUseCase.SubmitResult;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** Converting a session's input XML files to CSV, as one background job per request. */
public interface ConversionsUseCase {
    /**
     * Selects the inputs (by path, by group, or all of them when neither is given) and queues one
     * job that converts them; rejected when the selection names nothing valid.
     */
    SubmitResult submit(SessionId owner, ConversionRequest request);

    /** {@code paths} are workspace paths ({@code input/...}); {@code groups} are input folders ({@code ""} for the top level). */
    record ConversionRequest(Optional<List<String>> paths, Optional<List<String>> groups, ConversionOptions options) {
        public ConversionRequest {
            paths = paths.map(List::copyOf);
            groups = groups.map(List::copyOf);
            Objects.requireNonNull(options, "options");
        }
    }
}
