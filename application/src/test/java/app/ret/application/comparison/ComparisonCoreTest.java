package app.ret.application.comparison;

import static org.assertj.core.api.Assertions.assertThat;

import app.ret.application.RetCore;
import app.ret.application.TestCores;
import app.ret.domain.comparison.ComparisonRefusal;
import app.ret.domain.conversion.ConversionOptions;
import app.ret.domain.conversion.OutputFormat;
import app.ret.domain.files.UploadOutcome;
import app.ret.domain.files.WorkspacePath;
import app.ret.domain.job.Job;
import app.ret.domain.job.JobError;
import app.ret.domain.job.JobOutput;
import app.ret.domain.job.JobProgress;
import app.ret.domain.job.JobStatus;
import app.ret.domain.session.SessionId;
import app.ret.domain.user.Role;
import app.ret.ports.in.ComparisonsUseCase;
import app.ret.ports.in.ComparisonsUseCase.ComparisonRequest;
import app.ret.ports.in.ComparisonsUseCase.Submission;
import app.ret.ports.in.ConversionsUseCase.ConversionRequest;
import app.ret.ports.in.JobsUseCase.SubmitResult;
import app.ret.ports.testing.MutableClock;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Comparing two conversions of a session through the core, on the real converter, comparer and workspace. */
class ComparisonCoreTest {
    private static final String OLDER = "<r><i><id>1</id><v>a</v></i><i><id>2</id><v>b</v></i><i><id>3</id><v>c</v></i></r>";
    private static final String NEWER = "<r><i><id>1</id><v>a</v></i><i><id>2</id><v>B</v></i><i><id>4</id><v>d</v></i></r>";

    private final MutableClock clock = MutableClock.atSomeFixedTime();
    @TempDir
    java.nio.file.Path root;
    private RetCore core;
    private SessionId owner;

    @BeforeEach
    void convertTwoYears() throws Exception {
        core = TestCores.create(clock, root, TestCores.auth(5, Duration.ofSeconds(10)), TestCores.files(16 << 20, 64 << 20));
        core.jobExecution().start();
        core.userAdministration().addUser("carol", Role.USER, "password-1".toCharArray());
        owner = TestCores.login(core, "carol", "password-1").session().id();
        upload("2025.xml", OLDER);
        upload("2026.xml", NEWER);
        Job converted = TestCores.awaitFinished(core, owner, ((SubmitResult.Accepted) core.conversions().submit(owner,
                new ConversionRequest(Optional.empty(), Optional.empty(), ConversionOptions.DEFAULTS, EnumSet.of(OutputFormat.CSV)))).job());
        assertThat(converted.status()).isEqualTo(JobStatus.SUCCEEDED);
    }

    @AfterEach
    void stop() {
        core.jobExecution().stop(Duration.ofSeconds(5));
    }

    @Test
    void rowsComparedByKeyAreCountedAndWrittenAsAddedRemovedOrChanged() throws Exception {
        Job compared = compare(new ComparisonRequest("output/2025.csv", "output/2026.csv", List.of("id")));

        assertThat(compared.status()).isEqualTo(JobStatus.SUCCEEDED);
        JobOutput output = compared.result().orElseThrow().outputs().get(0);
        assertThat(output.input()).isEqualTo("output/2025.csv");
        assertThat(output.output()).isEqualTo("output/compare-2025-2026.csv");
        assertThat(output.rows()).as("one added, one removed, one changed").isEqualTo(3);
        assertThat(output.cached()).isFalse();
        assertThat(compared.result().orElseThrow().summary().single("added")).contains("1");
        assertThat(compared.result().orElseThrow().summary().single("removed")).contains("1");
        assertThat(compared.result().orElseThrow().summary().single("changed")).contains("1");
        assertThat(compared.result().orElseThrow().summary().single("unchanged")).contains("1");
        String csv = read(output.output());
        assertThat(csv.getBytes(StandardCharsets.UTF_8)).hasSize((int) output.bytes());
        assertThat(csv.split("\r\n")).hasSize(4).anyMatch(line -> line.contains("B")).anyMatch(line -> line.contains("d"))
                .anyMatch(line -> line.contains("c"));
        assertThat(compared.progress().done()).as("progress complete").isEqualTo(compared.progress().total()).isPositive();
    }

    @Test
    void aKeyColumnOneSideLacksFailsTheJobWithTheComparersReason() throws Exception {
        Job compared = compare(new ComparisonRequest("output/2025.csv", "output/2026.csv", List.of("missing")));

        assertThat(compared.status()).isEqualTo(JobStatus.FAILED);
        JobError error = compared.error().orElseThrow();
        assertThat(error.code()).isEqualTo(ComparisonRefusal.UNKNOWN_KEY_COLUMN);
        assertThat(error.message()).contains("\"missing\"");
        assertThat(core.files().list(owner)).noneMatch(file -> file.path().value().startsWith("output/compare-"));
    }

    @Test
    void aKeyOfMoreThanTheMostColumnsOrOfRepeatedOrEmptyNamesIsRejectedBeforeAnyJob() {
        List<String> mostColumns = IntStream.range(0, ComparisonsUseCase.MAX_KEY_COLUMNS).mapToObj(i -> "c" + i).toList();
        List<String> tooMany = IntStream.rangeClosed(0, ComparisonsUseCase.MAX_KEY_COLUMNS).mapToObj(i -> "c" + i).toList();

        assertThat(submit(tooMany)).isEqualTo(new Submission.Rejected("key names at most 64 columns."));
        assertThat(submit(List.of("id", "id"))).isEqualTo(new Submission.Rejected("key lists distinct, non-empty column names."));
        assertThat(submit(List.of("id", ""))).isEqualTo(new Submission.Rejected("key lists distinct, non-empty column names."));
        assertThat(core.jobs().list(owner)).as("only the conversion").hasSize(1);
        assertThat(submit(mostColumns)).as("the most columns are allowed").isInstanceOf(Submission.Accepted.class);
        assertThat(submit(List.of())).as("no key: rows compared whole").isInstanceOf(Submission.Accepted.class);
    }

    @Test
    void eachSideMustBeACsvOutputOfTheCallersSession() throws Exception {
        SessionId other = TestCores.login(core, "carol", "password-1").session().id();

        assertThat(core.comparisons().submit(owner, new ComparisonRequest("output/gone.csv", "output/2026.csv", List.of())))
                .isEqualTo(new Submission.NotFound("left"));
        assertThat(core.comparisons().submit(owner, new ComparisonRequest("output/2025.csv", "input/2026.xml", List.of())))
                .isEqualTo(new Submission.NotFound("right"));
        assertThat(core.comparisons().submit(owner, new ComparisonRequest("../output/2025.csv", "output/2026.csv", List.of())))
                .isEqualTo(new Submission.NotFound("left"));
        assertThat(core.comparisons().submit(other, new ComparisonRequest("output/2025.csv", "output/2026.csv", List.of())))
                .as("another session of the same user").isEqualTo(new Submission.NotFound("left"));
        assertThat(core.jobs().list(owner)).as("only the conversion").hasSize(1);
    }

    @Test
    void theProgressCountsRowsOfBothSidesUpToItsTotal() throws Exception {
        Job compared = compare(new ComparisonRequest("output/2025.csv", "output/2026.csv", List.of()));

        assertThat(compared.status()).isEqualTo(JobStatus.SUCCEEDED);
        JobProgress progress = compared.progress();
        assertThat(progress.total()).isGreaterThan(1);
        assertThat(progress.done()).isEqualTo(progress.total());
        assertThat(compared.result().orElseThrow().summary().single("unchanged")).as("whole rows: only id 1 is equal").contains("1");
    }

    /** A table compared with itself has no differences; two such comparisons compared have no rows at all. */
    @Test
    void aComparisonOfTablesWithoutRowsEndsWithItsProgressComplete() throws Exception {
        Job same = compare(new ComparisonRequest("output/2025.csv", "output/2025.csv", List.of("id")));
        assertThat(same.result().orElseThrow().outputs().get(0).rows()).isZero();

        Job empty = compare(new ComparisonRequest("output/compare-2025-2025.csv", "output/compare-2025-2025.csv", List.of()));

        assertThat(empty.status()).isEqualTo(JobStatus.SUCCEEDED);
        assertThat(empty.result().orElseThrow().outputs().get(0).rows()).isZero();
        assertThat(empty.progress().done()).as("progress complete").isEqualTo(empty.progress().total()).isPositive();
    }

    private Submission submit(List<String> key) {
        return core.comparisons().submit(owner, new ComparisonRequest("output/2025.csv", "output/2026.csv", key));
    }

    private Job compare(ComparisonRequest request) throws InterruptedException {
        Submission submitted = core.comparisons().submit(owner, request);
        assertThat(submitted).isInstanceOf(Submission.Accepted.class);
        return TestCores.awaitFinished(core, owner, ((Submission.Accepted) submitted).job());
    }

    private void upload(String name, String xml) throws IOException {
        assertThat(core.files().upload(owner, name, new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8))))
                .isInstanceOf(UploadOutcome.Stored.class);
    }

    private String read(String path) throws IOException {
        try (var content = core.files().open(owner, WorkspacePath.parse(path).orElseThrow()).orElseThrow()) {
            return new String(content.content().readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
