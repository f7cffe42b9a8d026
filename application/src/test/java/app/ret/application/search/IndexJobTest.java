package app.ret.application.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import app.ret.adapters.memory.InMemorySearchIndex;
import app.ret.application.RetCore;
import app.ret.application.TestCores;
import app.ret.domain.cleanup.CleanupReport;
import app.ret.domain.conversion.ConversionOptions;
import app.ret.domain.conversion.OutputFormat;
import app.ret.domain.files.UploadOutcome;
import app.ret.domain.files.WorkspacePath;
import app.ret.domain.job.FailedInput;
import app.ret.domain.job.Job;
import app.ret.domain.job.JobStatus;
import app.ret.domain.search.IndexJob;
import app.ret.domain.search.IndexedRow;
import app.ret.domain.search.SearchQuery;
import app.ret.domain.session.EndReason;
import app.ret.domain.session.SessionId;
import app.ret.domain.user.Role;
import app.ret.ports.in.ConversionsUseCase.ConversionRequest;
import app.ret.ports.in.JobsUseCase.SubmitResult;
import app.ret.ports.in.LoginUseCase.LoginCommand;
import app.ret.ports.in.LoginUseCase.LoginResult;
import app.ret.ports.in.SearchUseCase;
import app.ret.ports.out.SearchIndex;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code index} job a conversion queues (ADR 0013 item 16), on the real workspace and conversion
 * cache: what it reports, what a search says while it runs, and that the index never keeps the rows
 * of an output deleted or rewritten before they are committed. The index is stepped into just before
 * the job's writer starts, when the job already has the output open.
 */
class IndexJobTest {
    private static final byte[] FIRST = xml("salmon", "trout");
    private static final byte[] SECOND = xml("pike", "perch");

    @TempDir
    Path root;

    private final SteppedIndex index = new SteppedIndex();
    private RetCore core;

    @AfterEach
    void stop() {
        if (core != null) {
            core.jobExecution().stop(Duration.ofSeconds(5));
        }
    }

    @Test
    void theConversionNamesItsIndexJobWhichReportsTheRowsOfEachOutputAndMakesThemSearchable() throws Exception {
        core = start(1, 64 << 20);
        SessionId alice = session("alice");
        upload(alice, "a.xml", FIRST);
        upload(alice, "b.xml", SECOND);

        Job conversion = convert(alice, EnumSet.of(OutputFormat.CSV, OutputFormat.XLSX));
        Job indexJob = TestCores.awaitIndexJob(core, alice, conversion);

        assertThat(conversion.result().orElseThrow().failed()).isEmpty();
        assertThat(indexJob.type()).isEqualTo(IndexJob.TYPE);
        assertThat(indexJob.status()).isEqualTo(JobStatus.SUCCEEDED);
        assertThat(indexJob.owner()).isEqualTo(alice);
        assertThat(IndexJob.indexedIn(indexJob.result().orElseThrow().summary())).as("the CSVs, not the workbooks")
                .containsExactly(new IndexJob.Indexed("output/a.csv", 2), new IndexJob.Indexed("output/b.csv", 2));
        assertThat(indexJob.progress().done()).isEqualTo(2);
        assertThat(core.jobs().list(alice)).extracting(Job::id).contains(conversion.id(), indexJob.id());
        assertThat(paths(search(alice, "trout"))).containsExactly("output/a.csv");
        assertThat(search(alice, "perch").indexing()).isEmpty();
    }

    @Test
    void aWorkbookWithoutACsvIsIndexedByTheRowsOfTheCsvItWasLaidOutFrom() throws Exception {
        core = start(1, 64 << 20);
        SessionId alice = session("alice");
        upload(alice, "a.xml", FIRST);

        Job indexJob = TestCores.awaitIndexJob(core, alice, convert(alice, EnumSet.of(OutputFormat.XLSX)));

        assertThat(IndexJob.indexedIn(indexJob.result().orElseThrow().summary())).containsExactly(new IndexJob.Indexed("output/a.xlsx", 2));
        assertThat(paths(search(alice, "salmon"))).containsExactly("output/a.xlsx");
    }

    @Test
    void aSearchNamesTheOutputsWhoseIndexJobIsRunning() throws Exception {
        core = start(1, 64 << 20);
        SessionId alice = session("alice");
        upload(alice, "a.xml", FIRST);
        AtomicReference<SearchUseCase.Outcome.Hits> duringIndexing = new AtomicReference<>();
        index.beforeFirstWriter(() -> duringIndexing.set(search(alice, "salmon")));

        TestCores.awaitIndexJob(core, alice, convert(alice, EnumSet.of(OutputFormat.CSV)));

        assertThat(duringIndexing.get().indexing()).containsExactly("output/a.csv");
        assertThat(duringIndexing.get().hits()).isEmpty();
        SearchUseCase.Outcome.Hits after = search(alice, "salmon");
        assertThat(after.indexing()).isEmpty();
        assertThat(paths(after)).containsExactly("output/a.csv");
    }

    @Test
    void anOutputDeletedBeforeItsRowsAreCommittedLeavesNoRowsAndIsReported() throws Exception {
        core = start(1, 64 << 20);
        SessionId alice = session("alice");
        upload(alice, "a.xml", FIRST);
        index.beforeFirstWriter(() -> assertThat(core.files().delete(alice, WorkspacePath.parse("output/a.csv").orElseThrow())).isTrue());

        Job indexJob = TestCores.awaitIndexJob(core, alice, convert(alice, EnumSet.of(OutputFormat.CSV)));

        assertThat(indexJob.status()).isEqualTo(JobStatus.SUCCEEDED);
        assertOnlyFailure(indexJob, "not_found");
        assertThat(IndexJob.indexedIn(indexJob.result().orElseThrow().summary())).isEmpty();
        assertThat(search(alice, "salmon").hits()).isEmpty();
        assertThat(index.bytes(alice)).isZero();
    }

    /**
     * The first conversion's index job has its output open when the same output is converted again from
     * new bytes and that conversion's index job runs to the end; the first must then not put back the old rows.
     */
    @Test
    void anOutputRewrittenByAnotherConversionWhileItsRowsAreReadKeepsOnlyTheNewRows() throws Exception {
        core = start(2, 64 << 20);
        SessionId alice = session("alice");
        upload(alice, "a.xml", FIRST);
        AtomicReference<Job> second = new AtomicReference<>();
        index.beforeFirstWriter(() -> {
            upload(alice, "a.xml", SECOND);
            Job conversion = convert(alice, EnumSet.of(OutputFormat.CSV));
            second.set(awaitIndexJob(alice, conversion));
        });

        Job first = TestCores.awaitIndexJob(core, alice, convert(alice, EnumSet.of(OutputFormat.CSV)));

        assertThat(IndexJob.indexedIn(second.get().result().orElseThrow().summary())).containsExactly(new IndexJob.Indexed("output/a.csv", 2));
        assertOnlyFailure(first, "output_changed");
        assertThat(search(alice, "salmon").hits()).as("the first bytes' rows").isEmpty();
        assertThat(paths(search(alice, "perch"))).containsExactly("output/a.csv");
    }

    /** The rows of the file's earlier bytes go too: they would be stale. */
    @Test
    void rowsTheQuotaHasNoRoomForAreReportedByTheIndexJobBesideAConvertedOutput() throws Exception {
        core = start(1, 1600);
        SessionId alice = session("alice");
        upload(alice, "a.xml", FIRST);
        assertThat(TestCores.awaitIndexJob(core, alice, convert(alice, EnumSet.of(OutputFormat.CSV))).result().orElseThrow().failed())
                .as("the small file's rows fit").isEmpty();
        assertThat(paths(search(alice, "salmon"))).containsExactly("output/a.csv");
        upload(alice, "a.xml", xml("x".repeat(300), "y".repeat(300)));

        Job conversion = convert(alice, EnumSet.of(OutputFormat.CSV));
        Job indexJob = TestCores.awaitIndexJob(core, alice, conversion);

        assertThat(conversion.result().orElseThrow().failed()).as("the conversion itself did all it was asked").isEmpty();
        assertThat(conversion.result().orElseThrow().outputs()).hasSize(1);
        assertOnlyFailure(indexJob, "index_quota_exceeded");
        assertThat(search(alice, "salmon").hits()).as("the rows of the file's earlier bytes").isEmpty();
        assertThat(index.bytes(alice)).isZero();
    }

    /** A cancelled index job keeps none of the file's rows, and the rows of its earlier bytes go too: they would be stale. */
    @Test
    void anIndexJobCancelledWhileItBuildsIsCancelledAndLeavesNoRowsOfTheFile() throws Exception {
        core = start(1, 64 << 20);
        SessionId alice = session("alice");
        upload(alice, "a.xml", FIRST);
        TestCores.awaitIndexJob(core, alice, convert(alice, EnumSet.of(OutputFormat.CSV)));
        upload(alice, "a.xml", SECOND);
        index.beforeFirstWriter(() -> core.jobs().list(alice).stream()
                .filter(job -> job.type().equals(IndexJob.TYPE) && job.status() == JobStatus.RUNNING)
                .forEach(job -> core.jobs().cancel(alice, job.id())));

        Job cancelled = TestCores.awaitIndexJob(core, alice, convert(alice, EnumSet.of(OutputFormat.CSV)));

        assertThat(cancelled.status()).isEqualTo(JobStatus.CANCELLED);
        assertThat(search(alice, "salmon").hits()).as("the earlier bytes' rows").isEmpty();
        assertThat(search(alice, "perch").hits()).isEmpty();
        assertThat(index.bytes(alice)).isZero();
    }

    /** Nothing of a session outlives it: an index job running at logout stops, one queued goes, and no row is left. */
    @Test
    void loggingOutWhileOneIndexJobRunsAndAnotherIsQueuedLeavesNoJobAndNoIndex() throws Exception {
        core = start(1, 64 << 20);
        SessionId alice = session("alice");
        upload(alice, "a.xml", FIRST);
        AtomicReference<Thread> logout = new AtomicReference<>();
        index.beforeFirstWriter(() -> {
            assertThat(core.jobs().list(alice)).filteredOn(job -> job.type().equals(IndexJob.TYPE))
                    .extracting(Job::status).containsExactlyInAnyOrder(JobStatus.RUNNING, JobStatus.QUEUED);
            Thread ending = new Thread(() -> core.endSession().end(alice, EndReason.LOGOUT));
            logout.set(ending);
            ending.start();
            awaitEnding(alice);
        });
        submit(alice, EnumSet.of(OutputFormat.CSV));
        submit(alice, EnumSet.of(OutputFormat.CSV));

        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (logout.get() == null && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        logout.get().join(20_000);

        assertThat(logout.get().isAlive()).isFalse();
        assertThat(core.jobs().list(alice)).as("no job of the session, running or queued, is left").isEmpty();
        assertThat(index.bytes(alice)).isZero();
        assertThat(index.sessionsWithRows()).doesNotContain(alice);
    }

    private static void assertOnlyFailure(Job indexJob, String code) {
        assertThat(indexJob.result().orElseThrow().failed()).extracting(FailedInput::input, failed -> failed.error().code())
                .containsExactly(tuple("output/a.csv", code));
    }

    /** Until the session is no longer active: its ending has begun, and stops its jobs next. */
    private void awaitEnding(SessionId owner) {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (core.sessionQueries().activeSession(owner).isPresent()) {
            assertThat(System.nanoTime()).as("the session's ending began").isLessThan(deadline);
            Thread.onSpinWait();
        }
    }

    private static byte[] xml(String first, String second) {
        return ("<records><record><title>" + first + "</title></record><record><title>" + second + "</title></record></records>")
                .getBytes(StandardCharsets.UTF_8);
    }

    private SearchUseCase.Outcome.Hits search(SessionId owner, String query) {
        return (SearchUseCase.Outcome.Hits) core.search().search(owner, query, SearchQuery.MAX_LIMIT);
    }

    private static List<String> paths(SearchUseCase.Outcome.Hits hits) {
        return hits.hits().stream().map(hit -> hit.path()).toList();
    }

    private Job submit(SessionId owner, Set<OutputFormat> formats) {
        SubmitResult submitted = core.conversions().submit(owner,
                new ConversionRequest(Optional.empty(), Optional.empty(), ConversionOptions.DEFAULTS, formats));
        return ((SubmitResult.Accepted) submitted).job();
    }

    private Job convert(SessionId owner, Set<OutputFormat> formats) {
        try {
            Job job = TestCores.awaitFinished(core, owner, submit(owner, formats));
            assertThat(job.status()).isEqualTo(JobStatus.SUCCEEDED);
            return job;
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    private Job awaitIndexJob(SessionId owner, Job conversion) {
        try {
            return TestCores.awaitIndexJob(core, owner, conversion);
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    private SessionId session(String username) {
        core.userAdministration().addUser(username, Role.USER, "password-1".toCharArray());
        LoginResult result = core.login().login(new LoginCommand(username, "password-1".toCharArray(), "192.0.2.1"));
        return ((LoginResult.LoggedIn) result).grant().session().id();
    }

    private void upload(SessionId owner, String name, byte[] bytes) {
        try {
            assertThat(core.files().upload(owner, name, new ByteArrayInputStream(bytes))).isInstanceOf(UploadOutcome.Stored.class);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private RetCore start(int workers, long sessionQuota) {
        RetCore started = TestCores.create(Clock.systemUTC(), root, TestCores.files(sessionQuota, 1L << 40), index, workers);
        started.jobExecution().start();
        return started;
    }

    /** The in-memory index, running a step once just before the first writer starts. */
    private static final class SteppedIndex implements SearchIndex {
        private final InMemorySearchIndex real = new InMemorySearchIndex();
        private final AtomicReference<Runnable> beforeFirstWriter = new AtomicReference<>(() -> {});
        private final java.util.Set<SessionId> seen = java.util.concurrent.ConcurrentHashMap.newKeySet();

        void beforeFirstWriter(Runnable step) {
            beforeFirstWriter.set(step);
        }

        Set<SessionId> sessionsWithRows() {
            return seen.stream().filter(session -> real.bytes(session) > 0).collect(java.util.stream.Collectors.toSet());
        }

        @Override
        public Writer replace(SessionId session, String path, long budgetBytes) {
            seen.add(session);
            beforeFirstWriter.getAndSet(() -> {}).run();
            return real.replace(session, path, budgetBytes);
        }

        @Override
        public List<IndexedRow> search(SessionId session, SearchQuery query, int limit) {
            return real.search(session, query, limit);
        }

        @Override
        public long bytes(SessionId session) {
            return real.bytes(session);
        }

        @Override
        public boolean remove(SessionId session, String path) {
            return real.remove(session, path);
        }

        @Override
        public CleanupReport purgeOrphans(Predicate<SessionId> isLive) {
            return real.purgeOrphans(isLive);
        }

        @Override
        public String resourceName() {
            return real.resourceName();
        }

        @Override
        public CleanupReport purge(SessionId sessionId) {
            return real.purge(sessionId);
        }
    }
}
