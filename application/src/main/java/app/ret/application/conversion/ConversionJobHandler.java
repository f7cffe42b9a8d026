package app.ret.application.conversion;

import app.ret.application.auth.SecretGenerator;
import app.ret.application.files.FilesDependencies;
import app.ret.application.jobs.JobContext;
import app.ret.application.jobs.JobHandler;
import app.ret.application.jobs.JobOutcome;
import app.ret.domain.conversion.ConversionFailure;
import app.ret.domain.conversion.ConversionInputs;
import app.ret.domain.conversion.ConversionKey;
import app.ret.domain.conversion.ConversionOptions;
import app.ret.domain.conversion.ConversionResult;
import app.ret.domain.conversion.ConversionSummary;
import app.ret.domain.conversion.RecordSelector;
import app.ret.domain.files.FileLimits;
import app.ret.domain.files.UploadOutcome;
import app.ret.domain.files.UploadRefusal;
import app.ret.domain.files.WorkspacePath;
import app.ret.domain.job.FailedInput;
import app.ret.domain.job.JobError;
import app.ret.domain.job.JobOutput;
import app.ret.domain.job.JobParameters;
import app.ret.domain.job.JobResult;
import app.ret.domain.job.JobType;
import app.ret.domain.session.Session;
import app.ret.domain.session.SessionId;
import app.ret.domain.user.Username;
import app.ret.ports.out.ConversionCache;
import app.ret.ports.out.ConversionCache.CachedCsv;
import app.ret.ports.out.Converter;
import app.ret.ports.out.FileContent;
import app.ret.ports.out.SessionFiles;
import app.ret.ports.out.SessionFiles.Spool;
import app.ret.ports.out.SessionFiles.SpoolResult;
import app.ret.ports.out.SessionStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The {@code conversion} job: its inputs one by one, one unit of progress each. A result comes
 * from the conversion cache when the same user converted the same bytes with the same options
 * before (never another user's: the key names the owner); otherwise the converter writes it into
 * the cache first. Either way the cache entry is now referred to by this session, and goes when
 * the last session referring to it ends. Either way the CSV is then
 * copied into {@code output/} through a spool, so it appears whole and within the session quota.
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

    private final SessionFiles files;
    private final FileLimits limits;
    private final Converter converter;
    private final ConversionCache cache;
    private final SessionStore sessions;

    public ConversionJobHandler(FilesDependencies dependencies, SessionStore sessions) {
        this.sessions = sessions;
        this.files = dependencies.store();
        this.limits = dependencies.limits();
        this.converter = dependencies.converter();
        this.cache = dependencies.conversionCache();
    }

    static JobParameters parameters(List<WorkspacePath> inputs, ConversionOptions options) {
        return JobParameters.of(RECORD, options.record().wireValue())
                .with(FORMULA_GUARD, Boolean.toString(options.formulaGuard()))
                .with(BOM, Boolean.toString(options.bom()))
                .with(INPUTS, inputs.stream().map(WorkspacePath::value).toList())
                .withUnits(inputs.size());
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
        List<String> inputs = context.parameters().all(INPUTS);
        List<JobOutput> outputs = new ArrayList<>();
        List<FailedInput> failed = new ArrayList<>();
        context.progress(0, inputs.size());
        for (int done = 0; done < inputs.size(); done++) {
            if (context.stopRequested()) {
                return new JobOutcome.Stopped();
            }
            String input = inputs.get(done);
            Converted converted;
            try {
                converted = convert(context.owner(), input, options);
            } catch (IOException | UncheckedIOException e) {
                LOG.log(System.Logger.Level.WARNING, "conversion job " + context.id() + " could not read or write files; it is retried", e);
                return new JobOutcome.Transient(new JobError("storage_unavailable", "Files could not be read or written; the job is retried."));
            }
            if (converted instanceof Converted.Done output) {
                outputs.add(output.output());
            } else if (converted instanceof Converted.Failed failure) {
                failed.add(failure.failure());
            } else {
                return new JobOutcome.Failed(new JobError("session_ended", "The session ended while its files were converted."),
                        Optional.of(new JobResult(outputs, failed)));
            }
            context.progress(done + 1, inputs.size());
        }
        JobResult result = new JobResult(outputs, failed);
        if (outputs.isEmpty() && !failed.isEmpty()) {
            return new JobOutcome.Failed(new JobError("conversion_failed", "No input could be converted; see result.failed."), Optional.of(result));
        }
        return new JobOutcome.Completed(result);
    }

    /** One input's fate. */
    private sealed interface Converted {
        record Done(JobOutput output) implements Converted {}

        record Failed(FailedInput failure) implements Converted {}

        /** The workspace is gone: the session ended under the job. */
        record SessionGone() implements Converted {}

        static Converted failed(String input, String code, String message) {
            String shown = message.length() <= JobError.MAX_MESSAGE_LENGTH ? message : message.substring(0, JobError.MAX_MESSAGE_LENGTH - 1) + "…";
            return new Failed(new FailedInput(input, new JobError(code, shown)));
        }
    }

    private Converted convert(SessionId owner, String input, ConversionOptions options) throws IOException {
        Optional<Username> user = sessions.find(owner).map(Session::username);
        if (user.isEmpty()) {
            return new Converted.SessionGone();
        }
        Optional<WorkspacePath> inputPath = WorkspacePath.parse(input);
        Optional<FileContent> opened = inputPath.isPresent() ? files.open(owner, inputPath.get()) : Optional.empty();
        if (opened.isEmpty()) {
            return Converted.failed(input, "not_found", "The input file is no longer in the workspace.");
        }
        Optional<CachedCsv> result;
        boolean cached;
        try (FileContent content = opened.get()) {
            ConversionKey key = new ConversionKey(
                    SecretGenerator.sha256Hex(ConversionKey.material(user.get(), content.file().sha256(), options, converter.version())));
            result = cache.open(owner, key);
            cached = result.isPresent();
            if (!cached) {
                ConversionResult converted = cache.produce(owner, key, csv -> converter.convert(content.content(), csv, options));
                if (converted instanceof ConversionFailure failure) {
                    return Converted.failed(input, failure.code().wireName(), failure.message());
                }
                result = cache.open(owner, key);
            }
        }
        try (CachedCsv csv = result.orElseThrow(() -> new IOException("a conversion result vanished from the cache as it was written"))) {
            return place(owner, input, ConversionInputs.outputFor(inputPath.get(), options), csv, cached);
        }
    }

    /** Copies the CSV into the output area through a spool: whole, within the quota, replacing an older one. */
    private Converted place(SessionId owner, String input, WorkspacePath output, CachedCsv csv, boolean cached) throws IOException {
        SpoolResult spooled = files.spool(owner, csv.csv(), limits.sessionQuotaBytes());
        if (spooled.refusal().isPresent()) {
            return spooled.refusal().get() == UploadRefusal.NO_WORKSPACE ? new Converted.SessionGone()
                    : Converted.failed(input, "quota_exceeded", "The CSV alone is larger than the session quota.");
        }
        UploadOutcome placed;
        try (Spool spool = spooled.spool().orElseThrow()) {
            placed = files.store(owner, spool, output, limits.sessionQuotaBytes());
        }
        if (placed instanceof UploadOutcome.Refused refused) {
            return switch (refused.refusal()) {
                case NO_WORKSPACE -> new Converted.SessionGone();
                case QUOTA_EXCEEDED -> Converted.failed(input, "quota_exceeded", refused.detail());
                default -> Converted.failed(input, "conflict", refused.detail());
            };
        }
        ConversionSummary summary = csv.summary();
        return new Converted.Done(new JobOutput(input, output.value(), summary.rows(), summary.columns(), summary.bytesWritten(), cached));
    }
}
