package app.ret.domain.job;

import java.util.List;
import java.util.Objects;

/**
 * What a finished job produced: the inputs it turned into outputs, those it could not, and a
 * summary in the job type's own terms (named lists of strings, like the parameters; a comparison's
 * counts, for example), empty for most jobs.
 */
public record JobResult(List<JobOutput> outputs, List<FailedInput> failed, JobParameters summary) {
    public static final JobResult EMPTY = new JobResult(List.of(), List.of());

    public JobResult {
        outputs = List.copyOf(outputs);
        failed = List.copyOf(failed);
        Objects.requireNonNull(summary, "summary");
    }

    public JobResult(List<JobOutput> outputs, List<FailedInput> failed) {
        this(outputs, failed, JobParameters.NONE);
    }
}
