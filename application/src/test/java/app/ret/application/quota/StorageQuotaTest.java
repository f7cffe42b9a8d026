package app.ret.application.quota;

import static org.assertj.core.api.Assertions.assertThat;

import app.ret.application.RetCore;
import app.ret.adapters.memory.InMemorySearchIndex;
import app.ret.adapters.memory.InMemoryUserStore;
import app.ret.application.TestCores;
import app.ret.domain.conversion.ConversionOptions;
import app.ret.domain.conversion.OutputFormat;
import app.ret.domain.files.UploadOutcome;
import app.ret.domain.files.UploadRefusal;
import app.ret.domain.job.Job;
import app.ret.domain.job.JobStatus;
import app.ret.domain.session.EndReason;
import app.ret.domain.session.SessionId;
import app.ret.domain.user.Role;
import app.ret.ports.in.ConversionsUseCase.ConversionRequest;
import app.ret.ports.in.JobsUseCase.SubmitResult;
import app.ret.ports.in.LoginUseCase.LoginCommand;
import app.ret.ports.in.LoginUseCase.LoginResult;
import app.ret.ports.in.SessionStateUseCase;
import app.ret.ports.in.SessionStateUseCase.PutCommand;
import app.ret.ports.testing.MutableClock;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 15 and 18: state counts in the session quota; all of a user's sessions, and their conversion results, in the user quota. */
class StorageQuotaTest {
    private final MutableClock clock = MutableClock.atSomeFixedTime();
    private final InMemorySearchIndex index = new InMemorySearchIndex();
    private RetCore core;

    @TempDir
    Path root;

    @AfterEach
    void stop() {
        if (core != null) {
            core.jobExecution().stop(Duration.ofSeconds(5));
        }
    }

    /** Reproduced: state counted against no quota. */
    @Test
    void stateCountsInTheSessionQuotaBesideTheFiles() throws IOException {
        core = core(1000, 100_000);
        SessionId session = login("dave");
        assertThat(upload(session, "a.xml", xmlOf(600))).isInstanceOf(UploadOutcome.Stored.class);
        assertThat(put(session, "k", 300)).isInstanceOf(SessionStateUseCase.Stored.class);

        SessionStateUseCase.PutResult over = put(session, "more", 101);

        assertThat(over).isInstanceOf(SessionStateUseCase.QuotaExceeded.class);
        assertThat(((SessionStateUseCase.QuotaExceeded) over).detail()).contains("SESSION_QUOTA_MB: 1000 bytes");
        assertThat(put(session, "more", 100)).as("exactly at the quota").isInstanceOf(SessionStateUseCase.Stored.class);
        assertThat(put(session, "k", 300)).as("a replaced value counts once").isInstanceOf(SessionStateUseCase.Stored.class);
        UploadOutcome file = upload(session, "b.xml", xmlOf(7));
        assertThat(file).isInstanceOf(UploadOutcome.Refused.class);
        assertThat(((UploadOutcome.Refused) file).refusal()).isEqualTo(UploadRefusal.QUOTA_EXCEEDED);
        assertThat(((UploadOutcome.Refused) file).detail()).contains("the session over its quota");
    }

    /** Reproduced: nine logins of one user held nine full session quotas. */
    @Test
    void allSessionsOfAUserShareTheUserQuota() throws IOException {
        core = core(1000, 1500);
        SessionId first = login("dave");
        SessionId second = login("dave");
        SessionId erins = login("erin");
        assertThat(upload(first, "a.xml", xmlOf(800))).isInstanceOf(UploadOutcome.Stored.class);

        UploadOutcome over = upload(second, "b.xml", xmlOf(701));

        assertThat(((UploadOutcome.Refused) over).detail()).contains("the user over their quota (USER_QUOTA_MB: 1500 bytes");
        assertThat(upload(second, "b.xml", xmlOf(700))).isInstanceOf(UploadOutcome.Stored.class);
        assertThat(put(second, "k", 300)).isInstanceOf(SessionStateUseCase.QuotaExceeded.class);
        assertThat(upload(erins, "c.xml", xmlOf(1000))).as("another user's quota is their own").isInstanceOf(UploadOutcome.Stored.class);
        core.endSession().end(first, EndReason.LOGOUT);
        assertThat(put(second, "k", 300)).as("an ended session frees its share").isInstanceOf(SessionStateUseCase.Stored.class);
    }

    /** The files' allowance is the session quota less the state held; the user quota may be filled exactly. */
    @Test
    void filesMayFillWhatTheStateLeavesAndEachQuotaUpToExactlyItsBytes() throws IOException {
        core = core(1000, 1500);
        SessionId first = login("dave");
        SessionId second = login("dave");
        assertThat(upload(first, "a.xml", xmlOf(600))).isInstanceOf(UploadOutcome.Stored.class);
        assertThat(put(first, "k", 300)).isInstanceOf(SessionStateUseCase.Stored.class);
        assertThat(upload(first, "b.xml", xmlOf(100))).as("files up to the quota less the state").isInstanceOf(UploadOutcome.Stored.class);

        assertThat(upload(second, "c.xml", xmlOf(398))).isInstanceOf(UploadOutcome.Stored.class);
        assertThat(put(second, "k", 100)).isInstanceOf(SessionStateUseCase.Stored.class);
        assertThat(put(second, "more", 2)).as("exactly at the user quota").isInstanceOf(SessionStateUseCase.Stored.class);
        assertThat(put(second, "last", 2)).isInstanceOf(SessionStateUseCase.QuotaExceeded.class);
    }

    @Test
    void whenBothQuotasAllowTheSameTheSessionsIsNamed() throws IOException {
        core = core(1000, 1000);

        UploadOutcome over = upload(login("erin"), "d.xml", xmlOf(1001));

        assertThat(((UploadOutcome.Refused) over).detail()).contains("the session over its quota");
    }

    /** Issue 18: the per-user conversion cache counts in its owner's quota, beside the output it was copied to. */
    @Test
    void conversionResultsCountInTheOwnersQuota() throws Exception {
        core = core(1 << 20, 4000);
        core.jobExecution().start();
        SessionId session = login("dave");
        byte[] input = "<r><i><v>1</v></i><i><v>2</v></i></r>".getBytes(StandardCharsets.UTF_8);
        upload(session, "a.xml", input);
        Job job = convert(session);
        long csv = job.result().orElseThrow().outputs().get(0).bytes();
        long free = 4000 - input.length - 2 * csv - index.bytes(session);
        assertThat(index.bytes(session)).as("the conversion indexed its rows").isPositive();

        assertThat(upload(session, "b.xml", xmlOf(free + 1))).isInstanceOf(UploadOutcome.Refused.class);
        assertThat(upload(session, "b.xml", xmlOf(free))).isInstanceOf(UploadOutcome.Stored.class);
    }

    private RetCore core(long sessionQuota, long userQuota) {
        RetCore created = TestCores.create(clock, root, TestCores.auth(9, Duration.ofSeconds(10)), TestCores.files(sessionQuota, userQuota),
                new InMemoryUserStore(), index);
        for (String name : new String[] {"dave", "erin"}) {
            created.userAdministration().addUser(name, Role.USER, "password-1".toCharArray());
        }
        return created;
    }

    private SessionId login(String username) {
        LoginResult result = core.login().login(new LoginCommand(username, "password-1".toCharArray(), "192.0.2.1"));
        return ((LoginResult.LoggedIn) result).grant().session().id();
    }

    /** A well-formed XML document of exactly {@code bytes} bytes (at least 7). */
    private static byte[] xmlOf(long bytes) {
        return ("<a>" + "x".repeat((int) bytes - 7) + "</a>").getBytes(StandardCharsets.UTF_8);
    }

    private UploadOutcome upload(SessionId session, String name, byte[] bytes) throws IOException {
        return core.files().upload(session, name, new ByteArrayInputStream(bytes));
    }

    /** A JSON string value of exactly {@code bytes} bytes. */
    private SessionStateUseCase.PutResult put(SessionId session, String key, int bytes) {
        byte[] json = ("\"" + "v".repeat(bytes - 2) + "\"").getBytes(StandardCharsets.UTF_8);
        return core.sessionState().put(new PutCommand(session, key, json, Optional.empty()));
    }

    private Job convert(SessionId owner) throws InterruptedException {
        SubmitResult submitted = core.conversions().submit(owner,
                new ConversionRequest(Optional.empty(), Optional.empty(), ConversionOptions.DEFAULTS, EnumSet.of(OutputFormat.CSV)));
        Job job = TestCores.awaitFinished(core, owner, ((SubmitResult.Accepted) submitted).job());
        assertThat(job.status()).isEqualTo(JobStatus.SUCCEEDED);
        assertThat(TestCores.awaitIndexJob(core, owner, job).status()).as("its rows indexed").isEqualTo(JobStatus.SUCCEEDED);
        return job;
    }
}
