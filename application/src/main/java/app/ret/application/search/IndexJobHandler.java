package app.ret.application.search;

import app.ret.application.files.FilesDependencies;
import app.ret.application.jobs.JobContext;
import app.ret.application.jobs.JobHandler;
import app.ret.application.jobs.JobOutcome;
import app.ret.application.quota.StorageQuota;
import app.ret.domain.conversion.ConversionKey;
import app.ret.domain.conversion.OutputFormat;
import app.ret.domain.files.WorkspacePath;
import app.ret.domain.job.FailedInput;
import app.ret.domain.job.JobError;
import app.ret.domain.job.JobResult;
import app.ret.domain.job.JobType;
import app.ret.domain.search.IndexJob;
import app.ret.domain.session.Session;
import app.ret.domain.session.SessionId;
import app.ret.ports.out.ConversionCache;
import app.ret.ports.out.ConversionCache.CachedCsv;
import app.ret.ports.out.FileContent;
import app.ret.ports.out.SessionFiles;
import app.ret.ports.out.SessionStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * The {@code index} job a conversion queues once its outputs are placed (ADR 0013 item 16): each
 * output's rows go into the session's search index in place of what it held for that path, one unit
 * of progress per output. A CSV output is read from the workspace, a workbook's rows from the CSV it
 * was laid out from in the conversion cache. Rows are kept only while the output still has the bytes
 * the conversion placed: a file deleted or rewritten before its rows are committed is reported under
 * {@code failed} ({@code not_found}, {@code output_changed}; the conversion that rewrote it queued
 * an index job of its own), as is a file whose rows the quota has no room for
 * ({@code index_quota_exceeded}). Stopped, it leaves the index as it was; run again, it does the same.
 */
public final class IndexJobHandler implements JobHandler {
    private static final System.Logger LOG = System.getLogger(IndexJobHandler.class.getName());

    private final SessionFiles files;
    private final ConversionCache cache;
    private final SessionStore sessions;
    private final RowIndexing indexing;

    public IndexJobHandler(FilesDependencies dependencies, SessionStore sessions, StorageQuota quota) {
        this.files = dependencies.store();
        this.cache = dependencies.conversionCache();
        this.sessions = sessions;
        this.indexing = new RowIndexing(dependencies, quota);
    }

    @Override
    public JobType type() {
        return IndexJob.TYPE;
    }

    @Override
    public JobOutcome run(JobContext context) {
        List<IndexJob.Target> targets = IndexJob.targets(context.parameters());
        List<IndexJob.Indexed> indexed = new ArrayList<>();
        List<FailedInput> failed = new ArrayList<>();
        context.progress(0, targets.size());
        for (int done = 0; done < targets.size(); done++) {
            if (context.stopRequested()) {
                return new JobOutcome.Stopped();
            }
            if (sessions.find(context.owner()).filter(Session::isActive).isEmpty()) {
                return new JobOutcome.Failed(new JobError("session_ended", "The session ended before its files were indexed."),
                        Optional.of(result(indexed, failed)));
            }
            IndexJob.Target target = targets.get(done);
            Optional<RowIndexing.Indexed> outcome;
            try {
                outcome = index(context, target);
            } catch (IOException | UncheckedIOException e) {
                LOG.log(System.Logger.Level.WARNING, "index job " + context.id() + " could not read its files; it is retried", e);
                return new JobOutcome.Transient(new JobError("storage_unavailable", "Files could not be read; the job is retried."));
            }
            if (outcome.isEmpty()) {
                failed.add(new FailedInput(target.output(), new JobError("not_found", "The conversion result the rows of "
                        + target.output() + " come from is no longer cached; convert its input again to make them searchable.")));
            } else if (outcome.get() instanceof RowIndexing.Indexed.Stopped) {
                return new JobOutcome.Stopped();
            } else if (outcome.get() instanceof RowIndexing.Indexed.Done rows) {
                indexed.add(new IndexJob.Indexed(target.output(), rows.rows()));
            } else {
                failed.add(failure(context.owner(), target, outcome.get()));
            }
            context.progress(done + 1, targets.size());
        }
        return new JobOutcome.Completed(result(indexed, failed));
    }

    private static JobResult result(List<IndexJob.Indexed> indexed, List<FailedInput> failed) {
        return new JobResult(List.of(), failed, IndexJob.summary(indexed));
    }

    /** What became of the output's rows; empty when the CSV a workbook's rows come from left the conversion cache. */
    private Optional<RowIndexing.Indexed> index(JobContext context, IndexJob.Target target) throws IOException {
        SessionId owner = context.owner();
        WorkspacePath output = WorkspacePath.parse(target.output())
                .orElseThrow(() -> new IllegalArgumentException("an index job names a workspace path, not " + target.output()));
        BooleanSupplier unchanged = () -> digest(owner, output).filter(target.sha256()::equals).isPresent();
        if (output.value().endsWith("." + OutputFormat.CSV.extension())) {
            Optional<FileContent> opened = files.open(owner, output);
            if (opened.isEmpty()) {
                return Optional.of(new RowIndexing.Indexed.Superseded());
            }
            try (FileContent csv = opened.get()) {
                return Optional.of(indexing.index(owner, output, csv.content(), context::stopRequested, unchanged));
            }
        }
        Optional<CachedCsv> cached = cache.open(owner, new ConversionKey(target.csvKey()));
        if (cached.isEmpty()) {
            return Optional.empty();
        }
        try (CachedCsv csv = cached.get()) {
            return Optional.of(indexing.index(owner, output, csv.csv(), context::stopRequested, unchanged));
        }
    }

    /** The digest of what the file holds now; empty once it is gone. */
    private Optional<String> digest(SessionId owner, WorkspacePath output) {
        try {
            Optional<FileContent> opened = files.open(owner, output);
            if (opened.isEmpty()) {
                return Optional.empty();
            }
            try (FileContent content = opened.get()) {
                return Optional.of(content.file().sha256());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private FailedInput failure(SessionId owner, IndexJob.Target target, RowIndexing.Indexed outcome) {
        String path = target.output();
        if (outcome instanceof RowIndexing.Indexed.OverQuota) {
            return new FailedInput(path, new JobError("index_quota_exceeded",
                    path + " is converted, but its rows are not searchable: indexing them would take the session over its quota."));
        }
        return digest(owner, WorkspacePath.parse(path).orElseThrow()).isEmpty()
                ? new FailedInput(path, new JobError("not_found", path + " was deleted before its rows were indexed."))
                : new FailedInput(path, new JobError("output_changed", path + " was rewritten before its rows were indexed;"
                        + " the conversion that rewrote it indexes it."));
    }
}
