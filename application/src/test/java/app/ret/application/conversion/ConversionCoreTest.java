package app.ret.application.conversion;

import static org.assertj.core.api.Assertions.assertThat;

import app.ret.adapters.files.comparison.ExternalSortComparer;
import app.ret.adapters.files.conversion.DiskConversionCache;
import app.ret.adapters.files.workspace.DiskSessionFiles;
import app.ret.adapters.files.workspace.DiskWorkspace;
import app.ret.adapters.files.conversion.StaxCsvConverter;
import app.ret.adapters.files.conversion.StaxElementScanner;
import app.ret.adapters.files.preview.StreamingCsvTableReader;
import app.ret.adapters.files.workbook.FastexcelWorkbookWriter;
import app.ret.adapters.security.HmacDeviceCookieCodec;
import app.ret.adapters.security.Hs256AccessTokenCodec;
import app.ret.adapters.security.Pbkdf2PasswordHasher;
import app.ret.adapters.memory.InMemorySearchIndex;
import app.ret.adapters.memory.InMemoryCacheTier;
import app.ret.adapters.memory.InMemoryJobStore;
import app.ret.adapters.memory.InMemoryRateLimitStore;
import app.ret.adapters.memory.InMemoryRefreshTokenStore;
import app.ret.adapters.memory.InMemorySessionStore;
import app.ret.adapters.memory.InMemoryUserStore;
import app.ret.application.auth.AuthSettings;
import app.ret.application.cache.CacheDependencies;
import app.ret.application.CoreDependencies;
import app.ret.application.files.FilesDependencies;
import app.ret.application.jobs.JobSettings;
import app.ret.application.ratelimit.RateLimitSettings;
import app.ret.application.RetCore;
import app.ret.application.TestCores;
import app.ret.domain.cleanup.RemovedResource;
import app.ret.domain.conversion.ConversionKey;
import app.ret.domain.conversion.ConversionOptions;
import app.ret.domain.conversion.ConversionSummary;
import app.ret.domain.conversion.RecordSelector;
import app.ret.domain.session.EndReason;
import app.ret.ports.in.SessionEnded;
import app.ret.domain.conversion.ConversionResult;
import app.ret.domain.conversion.OutputFormat;
import app.ret.domain.files.ArchiveLimits;
import app.ret.domain.files.FileLimits;
import app.ret.domain.files.UploadOutcome;
import app.ret.domain.files.WorkspacePath;
import app.ret.domain.preview.PageRequest;
import app.ret.domain.job.Job;
import app.ret.domain.job.JobOutput;
import app.ret.domain.job.JobStatus;
import app.ret.domain.ratelimit.RateLimit;
import app.ret.domain.session.SessionId;
import app.ret.domain.user.Role;
import app.ret.ports.in.ConversionsUseCase.ConversionRequest;
import app.ret.ports.in.JobsUseCase.SubmitResult;
import app.ret.ports.in.LoginUseCase.LoginCommand;
import app.ret.ports.in.LoginUseCase.LoginResult;
import app.ret.ports.out.Converter;
import app.ret.ports.testing.SampleData;
import app.ret.ports.testing.SharedSamples;
import app.ret.ports.testing.WorkbookCells;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The conversion job on the real file adapters, with a converter that counts its parses. */
class ConversionCoreTest {
    @TempDir
    Path root;

    private final CountingConverter converter = new CountingConverter(new StaxCsvConverter());
    private RetCore core;

    @AfterEach
    void stop() {
        if (core != null) {
            core.jobExecution().stop(Duration.ofSeconds(5));
        }
    }

    @Test
    void theSameBytesConvertedInAnotherSessionOfTheSameUserAreCopiedFromTheCacheNotParsed() throws Exception {
        core = start();
        List<SessionId> alice = twoSessionsOfAliceWithTheLibrary("same-books.xml");
        SessionId first = alice.get(0);
        SessionId second = alice.get(1);

        JobOutput converted = onlyOutput(convert(first, ConversionOptions.DEFAULTS));
        assertThat(converter.parses.get()).isEqualTo(1);
        JobOutput copied = onlyOutput(convert(second, ConversionOptions.DEFAULTS));

        assertThat(converter.parses.get()).as("the second conversion parsed nothing").isEqualTo(1);
        assertThat(converted.cached()).isFalse();
        assertThat(copied.cached()).isTrue();
        assertThat(copied.rows()).isEqualTo(converted.rows());
        assertThat(copied.bytes()).isEqualTo(converted.bytes());
        assertThat(read(second, "output/same-books.csv")).isEqualTo(read(first, "output/books.csv"));
    }

    @Test
    void anOutputConvertedAndOneCopiedFromTheCacheAreBothIndexedForPaging() throws Exception {
        core = start();
        List<SessionId> alice = twoSessionsOfAliceWithTheLibrary("same-books.xml");
        SessionId first = alice.get(0);
        SessionId second = alice.get(1);

        onlyOutput(convert(first, ConversionOptions.DEFAULTS));
        assertThat(onlyOutput(convert(second, ConversionOptions.DEFAULTS)).cached()).isTrue();

        for (SessionId owner : List.of(first, second)) {
            try (var indexes = Files.list(root.resolve("sessions").resolve(owner.value()).resolve(".rows"))) {
                assertThat(indexes).as("the row index of the session's one output").hasSize(1);
            }
        }
        PageRequest deep = new PageRequest(6_100, 50);
        var copied = core.filePreview().preview(second, WorkspacePath.parse("output/same-books.csv").orElseThrow(), deep).orElseThrow();
        assertThat(copied.rows()).hasSize(50);
        assertThat(copied).isEqualTo(core.filePreview().preview(first, WorkspacePath.parse("output/books.csv").orElseThrow(), deep)
                .orElseThrow());
    }

    @Test
    void csvAndXlsxAreWrittenSideBySideAndTheWorkbookHoldsTheValuesTheGuardWouldPrefix() throws Exception {
        core = start();
        SessionId owner = session("carol");
        upload(owner, "sums.xml", "<r><i><v>=1+1</v><w>plain</w></i><i><v>x</v></i></r>".getBytes(StandardCharsets.UTF_8));

        Job both = convert(owner, ConversionOptions.DEFAULTS, EnumSet.of(OutputFormat.CSV, OutputFormat.XLSX));

        assertThat(both.result().orElseThrow().outputs()).extracting(JobOutput::output).containsExactly("output/sums.csv", "output/sums.xlsx");
        assertThat(new String(read(owner, "output/sums.csv"), StandardCharsets.UTF_8)).isEqualTo("v,w\r\n'=1+1,plain\r\nx,\r\n");
        assertThat(WorkbookCells.sheets(read(owner, "output/sums.xlsx"))).containsExactly(
                Map.entry("Sheet1", List.of(List.of("v", "w"), List.of("=1+1", "plain"), List.of("x"))));
        int parses = converter.parses.get();

        JobOutput again = onlyOutput(convert(owner, ConversionOptions.DEFAULTS, EnumSet.of(OutputFormat.XLSX)));

        assertThat(again.cached()).isTrue();
        assertThat(converter.parses.get()).as("the workbook came from the cache").isEqualTo(parses);
    }

    @Test
    void anotherUsersConversionOfTheSameBytesIsNeverReportedAsCached() throws Exception {
        core = start();
        SessionId alice = session("alice");
        SessionId bob = session("bob");
        upload(alice, "secret.xml", "<r><amount>92000</amount></r>".getBytes(StandardCharsets.UTF_8));
        onlyOutput(convert(alice, ConversionOptions.DEFAULTS));
        core.endSession().end(alice, EndReason.LOGOUT).orElseThrow();

        upload(bob, "guess-1.xml", "<r><amount>91000</amount></r>".getBytes(StandardCharsets.UTF_8));
        upload(bob, "guess-2.xml", "<r><amount>92000</amount></r>".getBytes(StandardCharsets.UTF_8));
        List<JobOutput> guesses = convert(bob, ConversionOptions.DEFAULTS).result().orElseThrow().outputs();

        assertThat(guesses).hasSize(2).noneMatch(JobOutput::cached);
        assertThat(converter.parses.get()).isEqualTo(3);
    }

    @Test
    void afterEverySessionReferringToADerivedResultHasEndedNothingDerivedRemainsOnDisk() throws Exception {
        core = start();
        byte[] library = Files.readAllBytes(SharedSamples.resolve("library/1mb.xml"));
        List<SessionId> alice = twoSessionsOfAliceWithTheLibrary("books.xml");
        SessionId first = alice.get(0);
        SessionId second = alice.get(1);
        onlyOutput(convert(first, ConversionOptions.DEFAULTS));
        onlyOutput(convert(second, ConversionOptions.DEFAULTS));

        SessionEnded firstEnded = core.endSession().end(first, EndReason.LOGOUT).orElseThrow();
        assertThat(firstEnded.removed().count(RemovedResource.CONVERSION_CACHE_ENTRIES)).as("the other session still refers to it").isZero();
        assertThat(derivedFiles()).isNotEmpty();

        SessionEnded secondEnded = core.endSession().end(second, EndReason.LOGOUT).orElseThrow();
        assertThat(secondEnded.removed().count(RemovedResource.CONVERSION_CACHE_ENTRIES)).isEqualTo(1);
        assertThat(secondEnded.removed().count(RemovedResource.CONVERSION_CACHE_BYTES)).isGreaterThan(library.length / 4);
        assertThat(derivedFiles()).isEmpty();
    }

    @Test
    void whatACrashLeftOfAnEndedSessionsResultsIsRemovedByTheNextSweep() throws Exception {
        core = start();
        SessionId gone = new SessionId("9".repeat(32));
        DiskConversionCache disk = new DiskConversionCache(root);
        disk.produce(gone, new ConversionKey("c".repeat(64)), csv -> {
            csv.write("a\r\n".getBytes(StandardCharsets.UTF_8));
            return new ConversionSummary(1, 1, 3);
        });
        assertThat(derivedFiles()).isNotEmpty();

        core.sessionMaintenance().finishInterruptedEndings();

        assertThat(derivedFiles()).isEmpty();
    }

    @Test
    void aSecondConversionWithOtherOptionsKeepsTheFirstOutput() throws Exception {
        core = start();
        SessionId alice = session("alice");
        upload(alice, "deposit.xml", Files.readAllBytes(SharedSamples.resolve("crossref/journal_article_4.4.2.xml")));
        JobOutput byDefault = onlyOutput(convert(alice, ConversionOptions.DEFAULTS));
        JobOutput byArticle = onlyOutput(convert(alice, ConversionOptions.DEFAULTS.withRecord(RecordSelector.parse("journal_article"))));
        JobOutput unguarded = onlyOutput(convert(alice, ConversionOptions.DEFAULTS.withFormulaGuard(false)));

        assertThat(List.of(byDefault.output(), byArticle.output(), unguarded.output())).containsExactly(
                "output/deposit.csv", "output/deposit.record-journal_article.csv", "output/deposit.no-formula-guard.csv");
        assertThat(read(alice, byDefault.output())).hasSize((int) byDefault.bytes());
        assertThat(read(alice, byArticle.output())).hasSize((int) byArticle.bytes());
    }

    private List<Path> derivedFiles() throws IOException {
        Path cache = root.resolve("conversion-cache");
        if (!Files.exists(cache)) {
            return List.of();
        }
        try (var walk = Files.walk(cache)) {
            return walk.filter(Files::isRegularFile).toList();
        }
    }

    private Job convert(SessionId owner, ConversionOptions options) throws InterruptedException {
        return convert(owner, options, EnumSet.of(OutputFormat.CSV));
    }

    private Job convert(SessionId owner, ConversionOptions options, Set<OutputFormat> formats) throws InterruptedException {
        SubmitResult submitted = core.conversions().submit(owner,
                new ConversionRequest(Optional.empty(), Optional.empty(), options, formats));
        Job job = TestCores.awaitFinished(core, owner, ((SubmitResult.Accepted) submitted).job());
        assertThat(job.status()).isEqualTo(JobStatus.SUCCEEDED);
        return job;
    }

    private static JobOutput onlyOutput(Job job) {
        List<JobOutput> outputs = job.result().orElseThrow().outputs();
        assertThat(outputs).hasSize(1);
        return outputs.get(0);
    }

    private SessionId session(String username) {
        core.userAdministration().addUser(username, Role.USER, "password-1".toCharArray());
        return login(username);
    }

    private SessionId login(String username) {
        LoginResult result = core.login().login(new LoginCommand(username, "password-1".toCharArray(), "192.0.2.1"));
        return ((LoginResult.LoggedIn) result).grant().session().id();
    }

    private void upload(SessionId owner, String name, byte[] bytes) throws IOException {
        assertThat(core.files().upload(owner, name, new ByteArrayInputStream(bytes))).isInstanceOf(UploadOutcome.Stored.class);
    }

    private byte[] read(SessionId owner, String path) throws IOException {
        try (var content = core.files().open(owner, WorkspacePath.parse(path).orElseThrow()).orElseThrow()) {
            return content.content().readAllBytes();
        }
    }

    private RetCore start() {
        SplittableRandom random = new SplittableRandom(11);
        DiskWorkspace workspace = new DiskWorkspace(root);
        RetCore started = RetCore.create(new CoreDependencies(Clock.systemUTC(), random,
                new AuthSettings(Duration.ofMinutes(30), Duration.ofDays(1), SampleData.TIMEOUTS, 1000, 5, Duration.ofSeconds(10)),
                new InMemoryUserStore(), new InMemorySessionStore(), new InMemoryRefreshTokenStore(),
                new Hs256AccessTokenCodec(new byte[32]), new HmacDeviceCookieCodec(new byte[32]), new Pbkdf2PasswordHasher(random), workspace, List.of(),
                new RateLimitSettings(new RateLimit(100, Duration.ofSeconds(60)), new RateLimit(5, Duration.ofSeconds(300)), 1, 1),
                new InMemoryRateLimitStore(), new InMemoryRateLimitStore(),
                new CacheDependencies(new InMemoryCacheTier(100, 1 << 20), new InMemoryCacheTier(100, 1 << 20), Duration.ofHours(1)),
                new InMemoryJobStore(), JobSettings.of(1, 3, Duration.ofHours(1), false),
                Executors.defaultThreadFactory(), Duration.ofSeconds(30),
                new FilesDependencies(new DiskSessionFiles(workspace),
                        new FileLimits(16 << 20, 64 << 20, 64 << 20, new ArchiveLimits(100, 16 << 20, 200, ArchiveLimits.DEFAULT_MAX_DEPTH)),
                        converter, new DiskConversionCache(root), new StreamingCsvTableReader(), new StaxElementScanner(),
                        new FastexcelWorkbookWriter(root),
                        new ExternalSortComparer(root), new InMemorySearchIndex())));
        started.jobExecution().start();
        return started;
    }

    /** The real converter, counting how often it parses. */
    private static final class CountingConverter implements Converter {
        final AtomicInteger parses = new AtomicInteger();
        private final Converter real;

        CountingConverter(Converter real) {
            this.real = real;
        }

        @Override
        public ConversionResult convert(InputStream xml, OutputStream csv, ConversionOptions options) throws IOException {
            parses.incrementAndGet();
            return real.convert(xml, csv, options);
        }

        @Override
        public String version() {
            return real.version();
        }
    }

    /** Two sessions of alice, each with the 1 MB library: {@code books.xml} in the first, {@code secondName} in the second. */
    private List<SessionId> twoSessionsOfAliceWithTheLibrary(String secondName) throws IOException {
        byte[] library = Files.readAllBytes(SharedSamples.resolve("library/1mb.xml"));
        SessionId first = session("alice");
        SessionId second = login("alice");
        upload(first, "books.xml", library);
        upload(second, secondName, library);
        return List.of(first, second);
    }
}
