package app.ret.application.conversion;

import app.ret.application.auth.SecretGenerator;
import app.ret.application.files.FilesDependencies;
import app.ret.application.files.OutputPlacement;
import app.ret.application.quota.StorageQuota;
import app.ret.application.files.OutputPlacement.Placed;
import app.ret.application.jobs.JobContext;
import app.ret.application.jobs.JobHandler;
import app.ret.application.jobs.JobOutcome;
import app.ret.application.jobs.JobSubmission;
import app.ret.domain.conversion.ConversionFailure;
import app.ret.domain.conversion.ConversionInputs;
import app.ret.domain.conversion.ConversionKey;
import app.ret.domain.conversion.ConversionOptions;
import app.ret.domain.conversion.ConversionResult;
import app.ret.domain.conversion.ConversionSummary;
import app.ret.domain.conversion.OutputFormat;
import app.ret.domain.conversion.RecordSelector;
import app.ret.domain.files.WorkspacePath;
import app.ret.domain.job.FailedInput;
import app.ret.domain.job.Job;
import app.ret.domain.job.JobError;
import app.ret.domain.job.JobOutput;
import app.ret.domain.job.JobParameters;
import app.ret.domain.job.JobResult;
import app.ret.domain.job.JobType;
import app.ret.domain.search.IndexJob;
import app.ret.domain.session.Session;
import app.ret.domain.session.SessionId;
import app.ret.domain.user.Username;
import app.ret.ports.out.ConversionCache;
import app.ret.ports.out.ConversionCache.CachedCsv;
import app.ret.ports.out.Converter;
import app.ret.ports.out.FileContent;
import app.ret.ports.out.InsufficientStorageException;
import app.ret.ports.out.SessionFiles;
import app.ret.ports.out.SessionStore;
import app.ret.ports.out.WorkbookWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code conversion} job: its inputs one by one, one unit of progress each, each in every
 * requested format. A result comes from the conversion cache when the same user converted the same
 * bytes with the same options before (never another user's: the key names the owner); otherwise the
 * converter writes it into the cache first. Either way the cache entry is now referred to by this
 * session, and goes when the last session referring to it ends. A workbook is laid out from the CSV
 * converted without the formula guard (a text cell is never run, so the guard's {@code '} would only
 * be noise) and cached too, under a key derived from that CSV's. Either way the result is then
 * copied into {@code output/} through a spool, so it appears whole and within the session quota.
 * Once its outputs are placed, the job queues an {@code index} job of the same session for each
 * input's CSV (or, without one, its workbook), which puts their rows into the session's search index
 * (ADR 0013 item 16): the result is ready as fast as without search, and names that job
 * ({@code index_job}) so a client can wait until its rows are searchable.
 * A file that cannot be converted is listed under {@code failed} and the others go on; the job
 * fails only when every input failed. Run again after a crash, it rewrites the same outputs.
 */
public final class ConversionJobHandler implements JobHandler {
    static final JobType TYPE = new JobType("conversion");
    private static final System.Logger LOG = System.getLogger(ConversionJobHandler.class.getName());
    private static final String INPUTS = "inputs";
    private static final String RECORD = "record";
    private static final String FORMULA_GUARD = "formula_guard";
    private static final String BOM = "bom";
    private static final String FORMATS = "formats";

    private final SessionFiles files;
    private final OutputPlacement placement;
    private final Converter converter;
    private final ConversionCache cache;
    private final WorkbookWriter workbooks;
    private final SessionStore sessions;
    private final JobSubmission followUps;

    public ConversionJobHandler(FilesDependencies dependencies, SessionStore sessions, StorageQuota quota, JobSubmission followUps) {
        this.sessions = sessions;
        this.followUps = followUps;
        this.files = dependencies.store();
        this.placement = new OutputPlacement(dependencies, quota);
        this.converter = dependencies.converter();
        this.cache = dependencies.conversionCache();
        this.workbooks = dependencies.workbooks();
    }

    static JobParameters parameters(List<WorkspacePath> inputs, ConversionOptions options, Set<OutputFormat> formats) {
        return JobParameters.of(RECORD, options.record().wireValue())
                .with(FORMULA_GUARD, Boolean.toString(options.formulaGuard()))
                .with(BOM, Boolean.toString(options.bom()))
                .with(FORMATS, formats.stream().map(OutputFormat::wireName).toList())
                .with(INPUTS, inputs.stream().map(WorkspacePath::value).toList())
                .withUnits(inputs.size());
    }

    /** Jobs queued before workbooks existed name no format: they write the CSV. */
    private static Set<OutputFormat> formats(JobParameters parameters) {
        Set<OutputFormat> formats = EnumSet.noneOf(OutputFormat.class);
        parameters.all(FORMATS).forEach(name -> formats.add(OutputFormat.parse(name)
                .orElseThrow(() -> new IllegalArgumentException("unknown output format " + name))));
        return formats.isEmpty() ? EnumSet.of(OutputFormat.CSV) : formats;
    }

    private static ConversionOptions options(JobParameters parameters) {
        return new ConversionOptions(RecordSelector.parse(parameters.single(RECORD).orElse(RecordSelector.AUTO_WIRE_VALUE)),
                Boolean.parseBoolean(parameters.single(FORMULA_GUARD).orElse("true")),
                Boolean.parseBoolean(parameters.single(BOM).orElse("false")));
    }

    @Override
    public JobType type() {
        return TYPE;
    }

    @Override
    public JobOutcome run(JobContext context) {
        ConversionOptions options = options(context.parameters());
        Set<OutputFormat> formats = formats(context.parameters());
        List<String> inputs = context.parameters().all(INPUTS);
        List<JobOutput> outputs = new ArrayList<>();
        List<FailedInput> failed = new ArrayList<>();
        List<IndexJob.Target> searchable = new ArrayList<>();
        context.progress(0, inputs.size());
        for (int done = 0; done < inputs.size(); done++) {
            if (context.stopRequested()) {
                return new JobOutcome.Stopped();
            }
            String input = inputs.get(done);
            for (OutputFormat format : formats) {
                Converted converted;
                try {
                    converted = convert(context, input, options, format);
                } catch (InsufficientStorageException e) {
                    LOG.log(System.Logger.Level.ERROR, "conversion job {0} failed: the disk is full", context.id());
                    return new JobOutcome.Failed(new JobError("insufficient_storage",
                            "The server's disk is full; nothing of " + input + " was kept. Convert it again once space is freed."),
                            Optional.of(withIndexJob(context, outputs, failed, searchable)));
                } catch (IOException | UncheckedIOException e) {
                    LOG.log(System.Logger.Level.WARNING, "conversion job " + context.id() + " could not read or write files; it is retried", e);
                    return new JobOutcome.Transient(new JobError("storage_unavailable", "Files could not be read or written; the job is retried."));
                }
                if (converted instanceof Converted.Done output) {
                    outputs.add(output.output());
                    if (format == indexedFormat(formats)) {
                        searchable.add(output.searchable());
                    }
                } else if (converted instanceof Converted.Failed failure) {
                    failed.add(failure.failure());
                } else {
                    return new JobOutcome.Failed(new JobError("session_ended", "The session ended while its files were converted."),
                            Optional.of(new JobResult(outputs, failed)));
                }
            }
            context.progress(done + 1, inputs.size());
        }
        JobResult result = withIndexJob(context, outputs, failed, searchable);
        if (outputs.isEmpty() && !failed.isEmpty()) {
            return new JobOutcome.Failed(new JobError("conversion_failed", "No input could be converted; see result.failed."), Optional.of(result));
        }
        return new JobOutcome.Completed(result);
    }

    /** The result, naming the index job queued for the outputs whose rows a search is to find (none without such outputs). */
    private JobResult withIndexJob(JobContext context, List<JobOutput> outputs, List<FailedInput> failed, List<IndexJob.Target> searchable) {
        if (searchable.isEmpty()) {
            return new JobResult(outputs, failed);
        }
        Job indexJob = followUps.submit(context.owner(), IndexJob.TYPE, IndexJob.parameters(searchable));
        return new JobResult(outputs, failed, IndexJob.naming(indexJob.id()));
    }

    /** The one output of each input whose rows a search finds: the CSV when there is one, else the workbook (by its CSV's rows). */
    private static OutputFormat indexedFormat(Set<OutputFormat> formats) {
        return formats.contains(OutputFormat.CSV) ? OutputFormat.CSV : formats.iterator().next();
    }

    /** One input's fate. */
    private sealed interface Converted {
        /** Written, with what an index job needs to make its rows searchable. */
        record Done(JobOutput output, IndexJob.Target searchable) implements Converted {}

        record Failed(FailedInput failure) implements Converted {}

        /** The workspace is gone: the session ended under the job. */
        record SessionGone() implements Converted {}

        static Converted failed(String input, String code, String message) {
            String shown = message.length() <= JobError.MAX_MESSAGE_LENGTH ? message : message.substring(0, JobError.MAX_MESSAGE_LENGTH - 1) + "…";
            return new Failed(new FailedInput(input, new JobError(code, shown)));
        }
    }

    private Converted convert(JobContext context, String input, ConversionOptions options, OutputFormat format) throws IOException {
        SessionId owner = context.owner();
        Optional<Username> user = sessions.find(owner).filter(Session::isActive).map(Session::username);
        if (user.isEmpty()) {
            return new Converted.SessionGone();
        }
        Optional<WorkspacePath> inputPath = WorkspacePath.parse(input);
        if (inputPath.isEmpty()) {
            return Converted.failed(input, "not_found", "The input file is no longer in the workspace.");
        }
        Entry entry = format == OutputFormat.XLSX ? workbookEntry(owner, user.get(), inputPath.get(), options)
                : csvEntry(owner, user.get(), inputPath.get(), options);
        if (entry instanceof Entry.Missing) {
            return Converted.failed(input, "not_found", "The input file is no longer in the workspace.");
        }
        if (entry instanceof Entry.Refused refused) {
            return Converted.failed(input, refused.failure().code().wireName(), refused.failure().message());
        }
        Entry.Ready ready = (Entry.Ready) entry;
        WorkspacePath output = ConversionInputs.outputFor(inputPath.get(), options, format);
        try (CachedCsv result = openEntry(owner, ready.key())) {
            return place(owner, input, output, result, ready);
        }
    }

    /** A result in the conversion cache, or why there is none. */
    private sealed interface Entry {
        /** The entry to place, whether it came from the cache, and the CSV entry its rows come from (itself, for a CSV). */
        record Ready(ConversionKey key, boolean cached, ConversionKey csvKey) implements Entry {}

        record Refused(ConversionFailure failure) implements Entry {}

        record Missing() implements Entry {}
    }

    /** The cache entry of the input's CSV with these options, converted now when it is not there yet. */
    private Entry csvEntry(SessionId owner, Username user, WorkspacePath input, ConversionOptions options) throws IOException {
        Optional<FileContent> opened = files.open(owner, input);
        if (opened.isEmpty()) {
            return new Entry.Missing();
        }
        try (FileContent content = opened.get()) {
            ConversionKey key = new ConversionKey(
                    SecretGenerator.sha256Hex(ConversionKey.material(user, content.file().sha256(), options, converter.version())));
            return entry(owner, key, csv -> converter.convert(content.content(), csv, options));
        }
    }

    /** The cache entry of the input's workbook, laid out now from its unguarded CSV when it is not there yet. */
    private Entry workbookEntry(SessionId owner, Username user, WorkspacePath input, ConversionOptions options) throws IOException {
        Entry csv = csvEntry(owner, user, input, options.withFormulaGuard(false).withBom(false));
        if (!(csv instanceof Entry.Ready ready)) {
            return csv;
        }
        ConversionKey key = new ConversionKey(SecretGenerator.sha256Hex(ConversionKey.workbookMaterial(ready.key(), workbooks.version())));
        Entry workbook = entry(owner, key, xlsx -> workbooks.write(() -> openEntry(owner, ready.key()).csv(), xlsx));
        return workbook instanceof Entry.Ready made ? new Entry.Ready(made.key(), made.cached(), ready.key()) : workbook;
    }

    private Entry entry(SessionId owner, ConversionKey key, ConversionCache.CsvProducer producer) throws IOException {
        Optional<CachedCsv> existing = cache.open(owner, key);
        if (existing.isPresent()) {
            existing.get().close();
            return new Entry.Ready(key, true, key);
        }
        ConversionResult produced = cache.produce(owner, key, producer);
        return produced instanceof ConversionFailure failure ? new Entry.Refused(failure) : new Entry.Ready(key, false, key);
    }

    private CachedCsv openEntry(SessionId owner, ConversionKey key) throws IOException {
        return cache.open(owner, key).orElseThrow(() -> new IOException("a conversion result vanished from the cache as it was written"));
    }

    private Converted place(SessionId owner, String input, WorkspacePath output, CachedCsv result, Entry.Ready entry) throws IOException {
        Placed placed = placement.place(owner, result.csv(), output);
        if (placed instanceof Placed.SessionGone) {
            return new Converted.SessionGone();
        }
        if (placed instanceof Placed.Refused refused) {
            return Converted.failed(input, refused.code(), refused.message());
        }
        Placed.Stored stored = (Placed.Stored) placed;
        ConversionSummary summary = result.summary();
        return new Converted.Done(new JobOutput(input, output.value(), summary.rows(), summary.columns(), summary.bytesWritten(),
                entry.cached()), new IndexJob.Target(output.value(), stored.sha256(), entry.csvKey().value()));
    }
}
