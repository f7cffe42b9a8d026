package app.ret.application.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import app.ret.adapters.memory.InMemoryJobStore;
import app.ret.adapters.memory.InMemorySessionStore;
import app.ret.application.RetCore;
import app.ret.application.TestCores;
import app.ret.domain.conversion.ConversionOptions;
import app.ret.domain.conversion.OutputFormat;
import app.ret.domain.job.Job;
import app.ret.domain.job.JobStatus;
import app.ret.domain.session.EndReason;
import app.ret.domain.session.Session;
import app.ret.domain.session.SessionId;
import app.ret.domain.user.Role;
import app.ret.ports.in.ConversionsUseCase.ConversionRequest;
import app.ret.ports.in.JobOverviewUseCase;
import app.ret.ports.in.JobOverviewUseCase.OwnedJob;
import app.ret.ports.in.JobsUseCase.SubmitResult;
import app.ret.ports.testing.MutableClock;
import app.ret.ports.testing.SampleData;
import app.ret.ports.testing.SampleJobs;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The administrators' view of every active session's jobs; the workers are not started, so the jobs stay queued. */
class JobOverviewTest {
    private final MutableClock clock = MutableClock.atSomeFixedTime();
    @TempDir
    Path root;
    private RetCore core;

    @BeforeEach
    void createCore() {
        core = TestCores.create(clock, root, TestCores.auth(5, Duration.ofSeconds(10)), TestCores.files(1 << 20, 4 << 20));
    }

    @Test
    void everyActiveSessionsJobsNewestFirstWithTheirSessionAndOnlyInTheStatusAsked() throws Exception {
        SessionId alice = session("alice");
        SessionId bob = session("bob");
        Job older = submitConversion(alice);
        clock.advance(Duration.ofSeconds(1));
        Job newer = submitConversion(bob);

        assertThat(core.jobOverview().jobs(Optional.empty())).extracting(owned -> owned.job().id(), owned -> owned.session().id())
                .containsExactly(tuple(newer.id(), bob), tuple(older.id(), alice));
        assertThat(core.jobOverview().jobs(Optional.of(JobStatus.QUEUED))).extracting(owned -> owned.job().id())
                .containsExactly(newer.id(), older.id());
        assertThat(core.jobOverview().jobs(Optional.of(JobStatus.SUCCEEDED))).isEmpty();

        core.endSession().end(alice, EndReason.LOGOUT).orElseThrow();

        assertThat(core.jobOverview().jobs(Optional.empty())).extracting(OwnedJob::session).extracting(session -> session.id())
                .containsExactly(bob);
    }

    @Test
    void onlyTheNewestJobsUpToTheMostAreListed() {
        InMemorySessionStore sessions = new InMemorySessionStore();
        InMemoryJobStore store = new InMemoryJobStore();
        List<Session> owners = List.of(SampleData.session("alice", clock.instant()), SampleData.session("bob", clock.instant()));
        owners.forEach(sessions::insert);
        Instant first = clock.instant();
        for (int i = 0; i <= JobOverviewUseCase.MAX_JOBS; i++) {
            store.enqueue(SampleJobs.queued(owners.get(i % 2).id(), first.plusSeconds(i)));
        }

        List<OwnedJob> listed = new JobOverviewService(sessions, store).jobs(Optional.empty());

        assertThat(listed).hasSize(JobOverviewUseCase.MAX_JOBS);
        assertThat(listed).extracting(owned -> owned.job().spec().createdAt()).as("newest first across both sessions")
                .isSortedAccordingTo(Comparator.reverseOrder());
        assertThat(listed.get(0).job().spec().createdAt()).isEqualTo(first.plusSeconds(JobOverviewUseCase.MAX_JOBS));
        assertThat(listed.get(JobOverviewUseCase.MAX_JOBS - 1).job().spec().createdAt()).as("the oldest left out").isEqualTo(first.plusSeconds(1));
    }

    private SessionId session(String username) {
        core.userAdministration().addUser(username, Role.USER, "password-1".toCharArray());
        return TestCores.login(core, username, "password-1").session().id();
    }

    private Job submitConversion(SessionId owner) throws Exception {
        core.files().upload(owner, "a.xml", new ByteArrayInputStream("<r><i><v>1</v></i></r>".getBytes(StandardCharsets.UTF_8)));
        SubmitResult submitted = core.conversions().submit(owner,
                new ConversionRequest(Optional.empty(), Optional.empty(), ConversionOptions.DEFAULTS, EnumSet.of(OutputFormat.CSV)));
        return ((SubmitResult.Accepted) submitted).job();
    }
}
