package app.ret.domain.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.ret.domain.session.SessionId;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class JobTest {
    private static final Instant T0 = Instant.parse("2026-11-25T12:00:00Z");
    private static final JobSpec SPEC = new JobSpec(new JobId("0123456789abcdef0123456789abcdef"),
            new SessionId("fedcba9876543210fedcba9876543210"), new JobType("test"), JobParameters.of("units", "3"), T0, 3);

    private static RunningJob started(QueuedJob queued, Instant at) {
        return queued.start(at, at.plusSeconds(30));
    }

    @Test
    void aSubmittedJobIsQueuedWithNothingDone() {
        QueuedJob job = QueuedJob.submit(SPEC);
        assertThat(job.status()).isEqualTo(JobStatus.QUEUED);
        assertThat(job.attempts()).isZero();
        assertThat(job.startedAt()).isEmpty();
        assertThat(job.finishedAt()).isEmpty();
        assertThat(job.isDueAt(T0)).isTrue();
        assertThat(job.percent()).isZero();
    }

    @Test
    void theUnitsDeclaredAtSubmissionAreTheTotalBeforeAnyWorkerReportsProgress() {
        QueuedJob queued = QueuedJob.submit(SPEC);
        assertThat(queued.progress()).isEqualTo(new JobProgress(0, 3));
        assertThat(started(queued, T0.plusSeconds(1)).progress()).isEqualTo(new JobProgress(0, 3));
        assertThat(queued.cancel(T0.plusSeconds(1)).progress()).isEqualTo(new JobProgress(0, 3));
        assertThat(QueuedJob.submit(new JobSpec(SPEC.id(), SPEC.owner(), SPEC.type(), JobParameters.NONE, T0, 3)).progress())
                .isEqualTo(JobProgress.NONE);
    }

    @Test
    void startingCountsTheAttemptAndTakesALease() {
        RunningJob running = started(QueuedJob.submit(SPEC), T0.plusSeconds(1));
        assertThat(running.attempts()).isEqualTo(1);
        assertThat(running.startedAt()).contains(T0.plusSeconds(1));
        assertThat(running.leaseUntil()).isEqualTo(T0.plusSeconds(31));
        assertThat(running.leaseExpiredAt(T0.plusSeconds(31).minusMillis(1))).isFalse();
        assertThat(running.leaseExpiredAt(T0.plusSeconds(31))).isTrue();
    }

    @Test
    void aJobWaitingOutItsBackOffCannotStartEarly() {
        QueuedJob waiting = new QueuedJob(SPEC, 1, Optional.of(T0), T0.plusSeconds(10));
        assertThat(waiting.isDueAt(T0.plusSeconds(9))).isFalse();
        assertThatThrownBy(() -> waiting.start(T0.plusSeconds(9), T0.plusSeconds(60))).isInstanceOf(IllegalArgumentException.class);
        assertThat(waiting.start(T0.plusSeconds(10), T0.plusSeconds(60)).attempts()).isEqualTo(2);
    }

    @Test
    void heartbeatRecordsProgressAndNeverShortensTheLease() {
        RunningJob running = started(QueuedJob.submit(SPEC), T0);
        RunningJob beat = running.heartbeat(new JobProgress(2, 3), T0.plusSeconds(40));
        assertThat(beat.progress()).isEqualTo(new JobProgress(2, 3));
        assertThat(beat.leaseUntil()).isEqualTo(T0.plusSeconds(40));
        assertThat(beat.heartbeat(new JobProgress(3, 3), T0.plusSeconds(5)).leaseUntil()).isEqualTo(T0.plusSeconds(40));
        assertThat(beat.percent()).isEqualTo(66);
    }

    @Test
    void succeedingKeepsTheResultAndReportsComplete() {
        JobResult result = new JobResult(List.of(new JobOutput("input/a.xml", "output/a.csv", 10, 3, 120, false)), List.of());
        SucceededJob done = started(QueuedJob.submit(SPEC), T0).succeed(result, T0.plusSeconds(2));
        assertThat(done.status()).isEqualTo(JobStatus.SUCCEEDED);
        assertThat(done.isFinished()).isTrue();
        assertThat(done.result()).contains(result);
        assertThat(done.finishedAt()).contains(T0.plusSeconds(2));
        assertThat(done.percent()).isEqualTo(100);
    }

    @Test
    void cancellingAQueuedJobFinishesItAtOnce() {
        Job cancelled = QueuedJob.submit(SPEC).cancellationRequested(T0.plusSeconds(1));
        assertThat(cancelled).isInstanceOf(CancelledJob.class);
        assertThat(cancelled.finishedAt()).contains(T0.plusSeconds(1));
        assertThat(cancelled.startedAt()).isEmpty();
    }

    @Test
    void cancellingARunningJobOnlyFlagsItForItsWorker() {
        Job flagged = started(QueuedJob.submit(SPEC), T0).cancellationRequested(T0.plusSeconds(1));
        assertThat(flagged).isInstanceOfSatisfying(RunningJob.class, running -> assertThat(running.cancelRequested()).isTrue());
        assertThat(((RunningJob) flagged).heartbeat(new JobProgress(1, 3), T0.plusSeconds(60)).cancelRequested()).isTrue();
    }

    @Test
    void cancellingAFinishedJobChangesNothing() {
        SucceededJob done = started(QueuedJob.submit(SPEC), T0).succeed(JobResult.EMPTY, T0.plusSeconds(1));
        assertThat(done.cancellationRequested(T0.plusSeconds(5))).isSameAs(done);
    }

    @Test
    void aTransientFailureGoesBackToTheQueueUntilTheBackOffEnds() {
        RunningJob running = started(QueuedJob.submit(SPEC), T0);
        Job retried = running.retry(new JobError("disk_busy", "try later"), T0.plusSeconds(1), T0.plusSeconds(5));
        assertThat(retried).isInstanceOfSatisfying(QueuedJob.class, queued -> {
            assertThat(queued.attempts()).isEqualTo(1);
            assertThat(queued.notBefore()).isEqualTo(T0.plusSeconds(5));
            assertThat(queued.startedAt()).contains(T0);
        });
    }

    @Test
    void theLastAttemptFailingTransientlyFailsTheJobWithTooManyAttempts() {
        Job job = QueuedJob.submit(SPEC);
        Instant now = T0;
        for (int attempt = 1; attempt <= SPEC.maxAttempts(); attempt++) {
            now = now.plusSeconds(10);
            job = ((QueuedJob) job).start(now, now.plusSeconds(30)).retry(new JobError("disk_busy", "try later"), now, now);
        }
        assertThat(job).isInstanceOfSatisfying(FailedJob.class, failed -> {
            assertThat(failed.attempts()).isEqualTo(3);
            assertThat(failed.reason().code()).isEqualTo(JobError.TOO_MANY_ATTEMPTS);
            assertThat(failed.reason().message()).isEqualTo("gave up after 3 attempts; last: try later");
        });
    }

    @Test
    void anAbandonedAttemptCountsAndRequeuesImmediately() {
        Job abandoned = started(QueuedJob.submit(SPEC), T0).abandon(T0.plusSeconds(31));
        assertThat(abandoned).isInstanceOfSatisfying(QueuedJob.class, queued -> {
            assertThat(queued.attempts()).isEqualTo(1);
            assertThat(queued.isDueAt(T0.plusSeconds(31))).isTrue();
        });
    }

    @Test
    void anAbandonedJobWhoseCancellationWasAskedIsCancelledNotRetried() {
        RunningJob flagged = started(QueuedJob.submit(SPEC), T0).requestCancel();
        assertThat(flagged.abandon(T0.plusSeconds(31))).isInstanceOf(CancelledJob.class);
        assertThat(flagged.retry(new JobError("disk_busy", "later"), T0, T0.plusSeconds(9))).isInstanceOf(CancelledJob.class);
    }

    @Test
    void aClockThatStepsBackCannotMakeAJobFinishBeforeItStarted() {
        RunningJob running = started(QueuedJob.submit(SPEC), T0.plusSeconds(10));
        assertThat(running.succeed(JobResult.EMPTY, T0.plusSeconds(5)).finishedAt()).contains(T0.plusSeconds(10));
        assertThat(running.cancel(T0).finishedAt()).contains(T0.plusSeconds(10));
        assertThat(QueuedJob.submit(SPEC).cancel(T0.minusSeconds(1)).finishedAt()).contains(T0);
    }

    @Test
    void statesRejectImpossibleCombinations() {
        assertThatThrownBy(() -> new QueuedJob(SPEC, 3, Optional.of(T0), T0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new QueuedJob(SPEC, 1, Optional.empty(), T0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RunningJob(SPEC, 0, JobProgress.NONE, T0, T0, false)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RunningJob(SPEC, 4, JobProgress.NONE, T0, T0, false)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SucceededJob(SPEC, 1, JobProgress.NONE, T0, T0.minusSeconds(1), JobResult.EMPTY))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CancelledJob(SPEC, 0, JobProgress.NONE, Optional.of(T0), T0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> QueuedJob.submit(SPEC).start(T0, T0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void valuesValidateThemselves() {
        assertThatThrownBy(() -> new JobProgress(4, 3)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new JobProgress(-1, 3)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new JobError("Bad Code", "x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new JobError("ok", " ")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new JobType("Conversion")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new JobId("not-hex")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> JobParameters.of("Bad", "x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new JobSpec(SPEC.id(), SPEC.owner(), SPEC.type(), JobParameters.NONE, T0, 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(new JobProgress(1, 3).percent()).isEqualTo(33);
        assertThat(JobProgress.NONE.percent()).isZero();
    }

    @Test
    void parametersAreImmutableAndSingleValuedOnRequest() {
        JobParameters parameters = JobParameters.of("format", "csv").with("paths", List.of("input/a.xml", "input/b.xml"));
        assertThat(parameters.single("format")).contains("csv");
        assertThat(parameters.single("absent")).isEmpty();
        assertThat(parameters.all("paths")).containsExactly("input/a.xml", "input/b.xml");
        assertThatThrownBy(() -> parameters.single("paths")).isInstanceOf(IllegalArgumentException.class);
        assertThat(JobParameters.NONE.with("paths", List.of())).isEqualTo(JobParameters.NONE);
        assertThatThrownBy(() -> parameters.values().put("x", List.of())).isInstanceOf(UnsupportedOperationException.class);
        assertThat(parameters).isEqualTo(JobParameters.of("paths", "input/a.xml").with("paths", List.of("input/a.xml", "input/b.xml"))
                .with("format", "csv"));
    }

    @Test
    void backOffDoublesUpToItsMaximumAndJittersWithinTheUpperHalf() {
        RetryBackoff backoff = new RetryBackoff(Duration.ofSeconds(1), Duration.ofSeconds(10));
        assertThat(backoff.delayAfter(1, 0.0)).isEqualTo(Duration.ofMillis(500));
        assertThat(backoff.delayAfter(1, 0.999)).isBetween(Duration.ofMillis(999), Duration.ofMillis(1000));
        assertThat(backoff.delayAfter(2, 0.0)).isEqualTo(Duration.ofSeconds(1));
        assertThat(backoff.delayAfter(3, 0.5)).isEqualTo(Duration.ofSeconds(3));
        assertThat(backoff.delayAfter(30, 0.0)).isEqualTo(Duration.ofSeconds(5));
        assertThat(backoff.delayAfter(Integer.MAX_VALUE, 0.999)).isLessThanOrEqualTo(Duration.ofSeconds(10));
        assertThatThrownBy(() -> backoff.delayAfter(1, 1.0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aStepAppliesOnlyWhileItsAttemptHoldsTheJob() {
        RunningJob first = started(QueuedJob.submit(SPEC), T0.plusSeconds(1));
        Job requeued = first.abandon(T0.plusSeconds(2));
        RunningJob second = started((QueuedJob) requeued, T0.plusSeconds(3));
        JobProgress half = new JobProgress(1, 2);

        assertThat(first.advancedBy(1, running -> running.heartbeat(half, T0.plusSeconds(60)))).map(Job::progress).contains(half);
        assertThat(second.advancedBy(1, running -> running.heartbeat(half, T0.plusSeconds(60)))).isEmpty();
        assertThat(requeued.advancedBy(1, running -> running.heartbeat(half, T0.plusSeconds(60)))).isEmpty();
    }

    @Test
    void aStepThatReturnsAnotherJobIsRefused() {
        RunningJob running = started(QueuedJob.submit(SPEC), T0.plusSeconds(1));
        JobSpec other = new JobSpec(new JobId("00000000000000000000000000000000"), SPEC.owner(), SPEC.type(), SPEC.parameters(), T0, 3);

        assertThatThrownBy(() -> running.advancedBy(1, unused -> QueuedJob.submit(other)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("same job");
    }
}
