package app.ret.domain.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.ret.domain.session.SessionId;
import java.time.Instant;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class JobSnapshotTest {
    private static final Instant T0 = Instant.parse("2026-11-25T12:00:00Z");
    private static final JobSpec SPEC = new JobSpec(new JobId("0123456789abcdef0123456789abcdef"),
            new SessionId("fedcba9876543210fedcba9876543210"), new JobType("test"), JobParameters.of("units", "3"), T0, 3);
    private static final JobResult RESULT = new JobResult(List.of(new JobOutput("a.xml", "a.csv", 2, 3, 40, false)),
            List.of(new FailedInput("b.xml", new JobError("malformed", "not XML"))));

    private static RunningJob running() {
        return QueuedJob.submit(SPEC).start(T0.plusSeconds(1), T0.plusSeconds(31)).heartbeat(new JobProgress(1, 3), T0.plusSeconds(40));
    }

    @Test
    void everyStateComesBackAsItWasStored() {
        List<Job> jobs = List.of(
                QueuedJob.submit(SPEC),
                running(),
                running().requestCancel(),
                running().retry(new JobError("busy", "try again"), T0.plusSeconds(5), T0.plusSeconds(9)),
                running().succeed(RESULT, T0.plusSeconds(6)),
                running().fail(new JobError("broken", "no"), Optional.of(RESULT), T0.plusSeconds(6)),
                running().fail(new JobError("broken", "no"), Optional.empty(), T0.plusSeconds(6)),
                running().cancel(T0.plusSeconds(6)),
                QueuedJob.submit(SPEC).cancel(T0.plusSeconds(2)));

        for (Job job : jobs) {
            assertThat(JobSnapshot.of(job).job()).isEqualTo(job);
        }
    }

    @Test
    void onlyTheStateThatHasAFieldFillsIt() {
        JobSnapshot queued = JobSnapshot.of(QueuedJob.submit(SPEC));
        JobSnapshot cancelling = JobSnapshot.of(running().requestCancel());

        assertThat(queued.notBefore()).contains(T0);
        assertThat(queued.leaseUntil()).isEmpty();
        assertThat(queued.cancelRequested()).isFalse();
        assertThat(cancelling.notBefore()).isEmpty();
        assertThat(cancelling.leaseUntil()).contains(T0.plusSeconds(40));
        assertThat(cancelling.cancelRequested()).isTrue();
    }

    @Test
    void aStoredRunningJobWithoutItsLeaseIsRefused() {
        JobSnapshot stored = JobSnapshot.of(running());
        JobSnapshot withoutLease = new JobSnapshot(stored.spec(), stored.status(), stored.attempts(), stored.progress(),
                stored.notBefore(), stored.startedAt(), Optional.empty(), false, stored.finishedAt(), stored.error(), stored.result());

        assertThatThrownBy(withoutLease::job).isInstanceOf(NoSuchElementException.class);
    }
}
