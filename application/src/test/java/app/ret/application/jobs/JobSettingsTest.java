package app.ret.application.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.ret.domain.job.RetryBackoff;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class JobSettingsTest {
    private static final Duration LEASE = Duration.ofSeconds(3);
    private static final Duration BEAT = Duration.ofSeconds(1);
    private static final RetryBackoff BACKOFF = JobSettings.DEFAULT_BACKOFF;
    private static final Duration DAY = Duration.ofDays(1);

    @Test
    void oneWorkerOneAttemptAndAHeartbeatOfAThirdOfTheLeaseAreTheLeastAllowed() {
        JobSettings least = new JobSettings(1, 1, LEASE, BEAT, BEAT, BACKOFF, DAY, false, false);

        assertThat(least.workers()).isEqualTo(1);
        assertThat(least.maxAttempts()).isEqualTo(1);
        assertThat(least.withLease(Duration.ofSeconds(6)).lease()).isEqualTo(Duration.ofSeconds(6));
        assertThat(least.withLease(Duration.ofSeconds(6)).heartbeat()).isEqualTo(BEAT);
    }

    @Test
    void settingsBeyondTheBoundsAreRefusedNamingWhatIsWrong() {
        assertRefused(() -> new JobSettings(0, 1, LEASE, BEAT, BEAT, BACKOFF, DAY, false, false), "at least one job worker is needed");
        assertRefused(() -> new JobSettings(1, 0, LEASE, BEAT, BEAT, BACKOFF, DAY, false, false), "jobs need at least one attempt");
        assertRefused(() -> new JobSettings(1, 1, Duration.ZERO, BEAT, BEAT, BACKOFF, DAY, false, false), "lease must be positive");
        assertRefused(() -> new JobSettings(1, 1, LEASE, Duration.ZERO, BEAT, BACKOFF, DAY, false, false), "heartbeat must be positive");
        assertRefused(() -> new JobSettings(1, 1, LEASE, BEAT, Duration.ofMillis(-1), BACKOFF, DAY, false, false),
                "idle poll must be positive");
        assertRefused(() -> new JobSettings(1, 1, LEASE, BEAT, BEAT, BACKOFF, null, false, false), "retention must be positive");
        assertRefused(() -> new JobSettings(1, 1, LEASE, BEAT.plusMillis(1), BEAT, BACKOFF, DAY, false, false),
                "the heartbeat must come at least three times per lease");
        assertRefused(() -> new JobSettings(1, 1, LEASE, BEAT, BEAT, null, DAY, false, false), "back-off is required");
    }

    private static void assertRefused(Runnable creation, String reason) {
        assertThatThrownBy(creation::run).isInstanceOf(IllegalArgumentException.class).hasMessage(reason);
    }
}
