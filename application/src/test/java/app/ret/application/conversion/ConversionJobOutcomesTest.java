package app.ret.application.conversion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import app.ret.application.RetCore;
import app.ret.application.TestCores;
import app.ret.domain.conversion.ConversionOptions;
import app.ret.domain.conversion.OutputFormat;
import app.ret.domain.files.UploadOutcome;
import app.ret.domain.files.WorkspacePath;
import app.ret.domain.job.FailedInput;
import app.ret.domain.job.Job;
import app.ret.domain.job.JobResult;
import app.ret.domain.job.JobStatus;
import app.ret.domain.search.IndexJob;
import app.ret.domain.session.SessionId;
import app.ret.domain.user.Role;
import app.ret.ports.in.ConversionsUseCase.ConversionRequest;
import app.ret.ports.in.JobsUseCase.SubmitResult;
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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a conversion job reports when some or all of its inputs cannot be converted, and which outputs it queues an index job for. */
class ConversionJobOutcomesTest {
    private static final byte[] GOOD = "<records><record><title>salmon</title></record><record><title>trout</title></record></records>"
            .getBytes(StandardCharsets.UTF_8);
    private static final byte[] MALFORMED = "<records><record><title>eel</record></records>".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path root;

    private RetCore core;
    private SessionId alice;

    @BeforeEach
    void start() {
        start(64 << 20);
    }

    private void start(long sessionQuota) {
        if (core != null) {
            core.jobExecution().stop(Duration.ofSeconds(5));
        }
        core = TestCores.create(Clock.systemUTC(), root.resolve("quota-" + sessionQuota), TestCores.auth(5, Duration.ofSeconds(10)),
                TestCores.files(sessionQuota, 64 << 20));
        core.userAdministration().addUser("alice", Role.USER, "password-1".toCharArray());
        alice = TestCores.login(core, "alice", "password-1").session().id();
    }

    @AfterEach
    void stop() {
        core.jobExecution().stop(Duration.ofSeconds(5));
    }

    @Test
    void anInputThatCannotBeConvertedIsListedAndOnlyTheOthersOutputsAreIndexed() throws Exception {
        upload("good.xml", GOOD);
        upload("bad.xml", MALFORMED);
        core.jobExecution().start();

        Job job = TestCores.awaitFinished(core, alice, submit(EnumSet.of(OutputFormat.CSV)));

        assertThat(job.status()).isEqualTo(JobStatus.SUCCEEDED);
        assertThat(job.progress().done()).isEqualTo(2);
        assertThat(job.progress().total()).isEqualTo(2);
        JobResult result = job.result().orElseThrow();
        assertThat(result.outputs()).extracting(output -> output.output()).containsExactly("output/good.csv");
        assertThat(result.failed()).extracting(FailedInput::input, failed -> failed.error().code()).containsExactly(tuple("input/bad.xml", "invalid_xml"));
        Job indexJob = TestCores.awaitIndexJob(core, alice, job);
        assertThat(IndexJob.targets(indexJob.spec().parameters())).extracting(IndexJob.Target::output).containsExactly("output/good.csv");
    }

    @Test
    void whenEveryInputFailsInEveryFormatTheJobFailsAndQueuesNoIndexJob() throws Exception {
        upload("bad.xml", MALFORMED);
        core.jobExecution().start();

        Job job = TestCores.awaitFinished(core, alice, submit(EnumSet.of(OutputFormat.CSV, OutputFormat.XLSX)));

        assertThat(job.status()).isEqualTo(JobStatus.FAILED);
        assertThat(job.error().orElseThrow().code()).isEqualTo("conversion_failed");
        JobResult result = job.result().orElseThrow();
        assertThat(result.outputs()).isEmpty();
        assertThat(result.failed()).extracting(FailedInput::input, failed -> failed.error().code())
                .containsExactly(tuple("input/bad.xml", "invalid_xml"), tuple("input/bad.xml", "invalid_xml"));
        assertThat(IndexJob.namedIn(result.summary())).isEmpty();
        assertThat(core.jobs().list(alice)).extracting(Job::id).containsExactly(job.id());
    }

    @Test
    void anInputDeletedBeforeTheJobRunsIsNotFoundAndTheRestIsConverted() throws Exception {
        upload("good.xml", GOOD);
        upload("gone.xml", GOOD);
        Job submitted = submit(EnumSet.of(OutputFormat.XLSX));
        assertThat(core.files().delete(alice, WorkspacePath.parse("input/gone.xml").orElseThrow())).isTrue();
        core.jobExecution().start();

        Job job = TestCores.awaitFinished(core, alice, submitted);

        assertThat(job.status()).isEqualTo(JobStatus.SUCCEEDED);
        assertThat(job.result().orElseThrow().outputs()).extracting(output -> output.output()).containsExactly("output/good.xlsx");
        assertThat(job.result().orElseThrow().failed()).extracting(FailedInput::input, failed -> failed.error().code())
                .containsExactly(tuple("input/gone.xml", "not_found"));
        assertThat(IndexJob.indexedIn(TestCores.awaitIndexJob(core, alice, job).result().orElseThrow().summary()))
                .containsExactly(new IndexJob.Indexed("output/good.xlsx", 2));
    }

    @Test
    void anOutputTheSessionQuotaHasNoRoomForIsRefusedAndNothingIsIndexed() throws Exception {
        start(GOOD.length + 1);
        upload("good.xml", GOOD);
        core.jobExecution().start();

        Job job = TestCores.awaitFinished(core, alice, submit(EnumSet.of(OutputFormat.CSV)));

        assertThat(job.status()).isEqualTo(JobStatus.FAILED);
        assertThat(job.result().orElseThrow().failed()).extracting(FailedInput::input, failed -> failed.error().code())
                .containsExactly(tuple("input/good.xml", "quota_exceeded"));
        assertThat(IndexJob.namedIn(job.result().orElseThrow().summary())).isEmpty();
        assertThat(core.files().list(alice)).extracting(file -> file.path().value()).containsExactly("input/good.xml");
    }

    private Job submit(Set<OutputFormat> formats) {
        SubmitResult submitted = core.conversions().submit(alice,
                new ConversionRequest(Optional.empty(), Optional.empty(), ConversionOptions.DEFAULTS, formats));
        return ((SubmitResult.Accepted) submitted).job();
    }

    private void upload(String name, byte[] bytes) throws IOException {
        assertThat(core.files().upload(alice, name, new ByteArrayInputStream(bytes))).isInstanceOf(UploadOutcome.Stored.class);
    }
}
