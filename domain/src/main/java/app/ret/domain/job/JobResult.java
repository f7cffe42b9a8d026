package app.ret.domain.job;

import java.util.List;

/** What a finished job produced: the inputs it turned into outputs and those it could not. */
public record JobResult(List<JobOutput> outputs, List<FailedInput> failed) {
    public static final JobResult EMPTY = new JobResult(List.of(), List.of());

    public JobResult {
        outputs = List.copyOf(outputs);
        failed = List.copyOf(failed);
    }
}
