package app.ret.ports.in;

import app.ret.domain.conversion.ConversionOptions;
import app.ret.domain.conversion.OutputFormat;
import app.ret.domain.session.SessionId;
import app.ret.ports.in.JobsUseCase.SubmitResult;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/** Converting a session's input XML files to CSV, as one background job per request. */
public interface ConversionsUseCase {
    /**
     * Selects the inputs (by path, by group, or all of them when neither is given) and queues one
     * job that converts them; rejected when the selection names nothing valid.
     */
    SubmitResult submit(SessionId owner, ConversionRequest request);

    /**
     * {@code paths} are workspace paths ({@code input/...}); {@code groups} are input folders ({@code ""} for the top level);
     * {@code formats} the outputs written for each input, at least one.
     */
    record ConversionRequest(Optional<List<String>> paths, Optional<List<String>> groups, ConversionOptions options,
                             Set<OutputFormat> formats) {
        public ConversionRequest {
            paths = paths.map(List::copyOf);
            groups = groups.map(List::copyOf);
            Objects.requireNonNull(options, "options");
            if (formats.isEmpty()) {
                throw new IllegalArgumentException("a conversion writes at least one format");
            }
            formats = Collections.unmodifiableSet(EnumSet.copyOf(formats));
        }

        /** The CSV only, as before workbooks existed. */
        public ConversionRequest(Optional<List<String>> paths, Optional<List<String>> groups, ConversionOptions options) {
            this(paths, groups, options, EnumSet.of(OutputFormat.CSV));
        }
    }
}
