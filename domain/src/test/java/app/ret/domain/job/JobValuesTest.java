package app.ret.domain.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.ret.domain.session.SessionId;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class JobValuesTest {
    private static final Instant T0 = Instant.parse("2026-11-25T12:00:00Z");
    private static final JobId ID = new JobId("0123456789abcdef0123456789abcdef");
    private static final SessionId OWNER = new SessionId("fedcba9876543210fedcba9876543210");
    private static final JobSpec SPEC = new JobSpec(ID, OWNER, new JobType("convert"), JobParameters.NONE, T0, 2);
    private static final JobError BROKEN = new JobError("broken", "the disk went away");

    @Test
    void onlySucceededFailedAndCancelledAreFinished() {
        assertThat(JobStatus.values()).filteredOn(JobStatus::isFinished)
                .containsExactly(JobStatus.SUCCEEDED, JobStatus.FAILED, JobStatus.CANCELLED);
        assertThat(JobStatus.RUNNING.wireName()).isEqualTo("running");
    }

    @Test
    void aJobAnswersForItsSpec() {
        RunningJob running = QueuedJob.submit(SPEC).start(T0, T0.plusSeconds(30));
        assertThat(running.id()).isEqualTo(ID);
        assertThat(running.owner()).isEqualTo(OWNER);
        assertThat(running.type()).isEqualTo(new JobType("convert"));
        assertThat(running.status()).isEqualTo(JobStatus.RUNNING);
        assertThat(running.isFinished()).isFalse();
        assertThat(running.fail(BROKEN, Optional.empty(), T0.plusSeconds(1)).isFinished()).isTrue();
    }

    @Test
    void aFailedJobKeepsWhenItRanAndWhy() {
        FailedJob failed = QueuedJob.submit(SPEC).start(T0, T0.plusSeconds(30)).fail(BROKEN, Optional.empty(), T0.plusSeconds(5));
        assertThat(failed.status()).isEqualTo(JobStatus.FAILED);
        assertThat(failed.startedAt()).contains(T0);
        assertThat(failed.finishedAt()).contains(T0.plusSeconds(5));
        assertThat(failed.error()).contains(BROKEN);
    }

    @Test
    void aJobThatRanUsedBetweenOneAndItsMaximumAttemptsAndFinishedAfterItStarted() {
        JobProgress none = JobProgress.NONE;
        assertThat(new FailedJob(SPEC, 2, none, T0, T0, BROKEN, Optional.empty()).attempts()).isEqualTo(2);
        assertThatThrownBy(() -> new FailedJob(SPEC, 3, none, T0, T0, BROKEN, Optional.empty())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new FailedJob(SPEC, 0, none, T0, T0, BROKEN, Optional.empty())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new FailedJob(SPEC, 1, none, T0, T0.minusMillis(1), BROKEN, Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aCancelledJobWasStartedExactlyWhenItHadAttempts() {
        assertThat(new CancelledJob(SPEC, 0, JobProgress.NONE, Optional.empty(), T0).status()).isEqualTo(JobStatus.CANCELLED);
        assertThat(new CancelledJob(SPEC, 2, JobProgress.NONE, Optional.of(T0), T0).attempts()).isEqualTo(2);
        assertThatThrownBy(() -> new CancelledJob(SPEC, 3, JobProgress.NONE, Optional.of(T0), T0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CancelledJob(SPEC, -1, JobProgress.NONE, Optional.empty(), T0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CancelledJob(SPEC, 1, JobProgress.NONE, Optional.empty(), T0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CancelledJob(SPEC, 0, JobProgress.NONE, Optional.empty(), T0.minusMillis(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void givingUpSaysHowManyAttemptsWereMade() {
        JobSpec once = new JobSpec(ID, OWNER, new JobType("convert"), JobParameters.NONE, T0, 1);
        Job gaveUp = QueuedJob.submit(once).start(T0, T0.plusSeconds(30)).retry(BROKEN, T0.plusSeconds(1), T0.plusSeconds(2));
        assertThat(gaveUp.error()).map(JobError::message).contains("gave up after 1 attempt; last: the disk went away");
        Job again = QueuedJob.submit(SPEC).start(T0, T0.plusSeconds(30)).retry(BROKEN, T0, T0.plusSeconds(1));
        assertThat(again.status()).isEqualTo(JobStatus.QUEUED);
        Job twice = ((QueuedJob) again).start(T0.plusSeconds(1), T0.plusSeconds(30)).retry(BROKEN, T0.plusSeconds(2), T0.plusSeconds(3));
        assertThat(twice.error()).map(JobError::code).contains(JobError.TOO_MANY_ATTEMPTS);
        assertThat(twice.error()).map(JobError::message).contains("gave up after 2 attempts; last: the disk went away");
    }

    @Test
    void aJobNeedsAtLeastOneAttempt() {
        assertThat(new JobSpec(ID, OWNER, new JobType("t"), JobParameters.NONE, T0, 1).maxAttempts()).isEqualTo(1);
        assertThatThrownBy(() -> new JobSpec(ID, OWNER, new JobType("t"), JobParameters.NONE, T0, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anErrorMessageHasAtMostTwoThousandCharacters() {
        assertThat(new JobError("x", "m".repeat(JobError.MAX_MESSAGE_LENGTH)).message()).hasSize(2000);
        assertThatThrownBy(() -> new JobError("x", "m".repeat(JobError.MAX_MESSAGE_LENGTH + 1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new JobError("X", "m")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new JobError("x", " ")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anOutputNamesBothFilesAndCountsNothingNegative() {
        assertThat(new JobOutput("input/a.xml", "output/a.csv", 0, 0, 0, false).rows()).isZero();
        for (long[] n : new long[][] {{-1, 0, 0}, {0, -1, 0}, {0, 0, -1}}) {
            assertThatThrownBy(() -> new JobOutput("input/a.xml", "output/a.csv", n[0], (int) n[1], n[2], false))
                    .isInstanceOf(IllegalArgumentException.class);
        }
        for (String[] names : new String[][] {{null, "o"}, {" ", "o"}, {"i", null}, {"i", " "}}) {
            assertThatThrownBy(() -> new JobOutput(names[0], names[1], 1, 1, 1, false)).isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> new FailedInput(" ", BROKEN)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new FailedInput(null, BROKEN)).isInstanceOf(IllegalArgumentException.class);
        assertThat(new FailedInput("input/a.xml", BROKEN).input()).isEqualTo("input/a.xml");
    }

    @Test
    void idsAndTypesHaveOneSpelling() {
        assertThat(JobId.isValid(ID.value())).isTrue();
        assertThat(JobId.isValid("0123456789ABCDEF0123456789abcdef")).isFalse();
        assertThat(ID).hasToString("0123456789abcdef0123456789abcdef");
        assertThat(new JobType("a".repeat(32))).hasToString("a".repeat(32));
        for (String bad : new String[] {"a".repeat(33), "1abc", "Convert", "", null}) {
            assertThatThrownBy(() -> new JobType(bad)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void declaredUnitsMayBeZeroButNotNegative() {
        assertThat(JobParameters.NONE.withUnits(0).units()).isZero();
        assertThat(JobParameters.NONE.withUnits(5).all(JobParameters.UNITS)).containsExactly("5");
        assertThatThrownBy(() -> JobParameters.NONE.withUnits(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theBackOffMaximumMayEqualItsBase() {
        RetryBackoff flat = new RetryBackoff(Duration.ofSeconds(2), Duration.ofSeconds(2));
        assertThat(flat.delayAfter(5, 0)).isEqualTo(Duration.ofSeconds(1));
        assertThatThrownBy(() -> new RetryBackoff(Duration.ofSeconds(2), Duration.ofMillis(1999))).isInstanceOf(IllegalArgumentException.class);
        assertThat(List.of(flat.delayAfter(1, 0.999))).allMatch(delay -> delay.compareTo(Duration.ofSeconds(2)) < 0);
    }
}
