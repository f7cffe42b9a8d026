package app.ret.application.comparison;

import app.ret.application.files.FilesDependencies;
import app.ret.application.files.OutputPlacement;
import app.ret.application.quota.StorageQuota;
import app.ret.application.files.OutputPlacement.Placed;
import app.ret.application.jobs.JobContext;
import app.ret.application.jobs.JobHandler;
import app.ret.application.jobs.JobOutcome;
import app.ret.domain.comparison.ComparisonRefusal;
import app.ret.domain.comparison.ComparisonSummary;
import app.ret.domain.comparison.ComparisonTarget;
import app.ret.domain.files.WorkspacePath;
import app.ret.domain.job.JobError;
import app.ret.domain.job.JobOutput;
import app.ret.domain.job.JobParameters;
import app.ret.domain.job.JobResult;
import app.ret.domain.job.JobType;
import app.ret.ports.out.FileContent;
import app.ret.ports.out.SessionFiles;
import app.ret.ports.out.TableComparer;
import app.ret.ports.out.TableComparer.Comparison;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;

/**
 * The {@code comparison} job: its progress counts rows, read of both sides and then walked
 * ({@link ComparisonProgress}). Compares the two CSVs as they are when it runs and
 * writes {@code output/compare-<a>-<b>.csv} through a spool; the result lists that output and holds
 * the counts in its summary. Run again after a crash, it rewrites the same output.
 */
public final class ComparisonJobHandler implements JobHandler {
    static final JobType TYPE = new JobType("comparison");
    private static final System.Logger LOG = System.getLogger(ComparisonJobHandler.class.getName());
    private static final String LEFT = "left";
    private static final String RIGHT = "right";
    private static final String KEY = "key";

    private final SessionFiles files;
    private final TableComparer comparer;
    private final OutputPlacement placement;

    public ComparisonJobHandler(FilesDependencies dependencies, StorageQuota quota) {
        this.files = dependencies.store();
        this.comparer = dependencies.comparer();
        this.placement = new OutputPlacement(dependencies, quota);
    }

    static JobParameters parameters(WorkspacePath left, WorkspacePath right, List<String> key) {
        return JobParameters.of(LEFT, left.value()).with(RIGHT, right.value()).with(KEY, key);
    }

    @Override
    public JobType type() {
        return TYPE;
    }

    @Override
    public JobOutcome run(JobContext context) {
        WorkspacePath left = WorkspacePath.parse(context.parameters().single(LEFT).orElseThrow()).orElseThrow();
        WorkspacePath right = WorkspacePath.parse(context.parameters().single(RIGHT).orElseThrow()).orElseThrow();
        context.progress(0, 1);
        try {
            return compare(context, left, right, context.parameters().all(KEY));
        } catch (IOException | UncheckedIOException e) {
            LOG.log(System.Logger.Level.WARNING, "comparison job " + context.id() + " could not read or write files; it is retried", e);
            return new JobOutcome.Transient(new JobError("storage_unavailable", "Files could not be read or written; the job is retried."));
        }
    }

    private JobOutcome compare(JobContext context, WorkspacePath left, WorkspacePath right, List<String> key) throws IOException {
        Optional<FileContent> leftContent = files.open(context.owner(), left);
        if (leftContent.isEmpty()) {
            return gone();
        }
        try (FileContent l = leftContent.get()) {
            Optional<FileContent> rightContent = files.open(context.owner(), right);
            if (rightContent.isEmpty()) {
                return gone();
            }
            try (FileContent r = rightContent.get()) {
                ComparisonProgress progress = new ComparisonProgress(context, l.content(), l.file().size(), r.content(), r.file().size());
                try (Comparison comparison = comparer.compare(progress.left(), progress.right(), key, progress::rows)) {
                    return place(context, comparison, ComparisonTarget.outputFor(left, right), left, progress);
                }
            }
        }
    }

    private JobOutcome place(JobContext context, Comparison comparison, WorkspacePath target, WorkspacePath left,
                             ComparisonProgress progress) throws IOException {
        if (comparison.outcome() instanceof ComparisonRefusal refusal) {
            return new JobOutcome.Failed(new JobError(refusal.code(), refusal.message()), Optional.empty());
        }
        ComparisonSummary summary = (ComparisonSummary) comparison.outcome();
        Placed placed = placement.place(context.owner(), comparison.csv(), target);
        if (placed instanceof Placed.SessionGone) {
            return new JobOutcome.Failed(new JobError("session_ended", "The session ended while its files were compared."), Optional.empty());
        }
        if (placed instanceof Placed.Refused refused) {
            return new JobOutcome.Failed(new JobError(refused.code(), refused.message()), Optional.empty());
        }
        progress.complete();
        JobOutput output = new JobOutput(left.value(), target.value(), summary.rows(), summary.columns(), summary.bytes(), false);
        return new JobOutcome.Completed(new JobResult(List.of(output), List.of(), summary.asJobSummary()));
    }

    private static JobOutcome gone() {
        return new JobOutcome.Failed(new JobError("not_found", "A file to compare is no longer in the workspace."), Optional.empty());
    }
}
