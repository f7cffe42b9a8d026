package app.ret.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import app.ret.ports.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class MillisecondClockTest {
    @Test
    void followsItsSourceWithinATick() throws InterruptedException {
        MutableClock source = MutableClock.atSomeFixedTime();
        try (MillisecondClock clock = MillisecondClock.start(source)) {
            assertThat(clock.instant()).isEqualTo(source.instant());

            source.advance(Duration.ofSeconds(42));
            Instant expected = source.instant();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (!clock.instant().equals(expected) && System.nanoTime() < deadline) {
                Thread.sleep(1);
            }

            assertThat(clock.instant()).isEqualTo(expected);
            assertThat(clock.millis()).isEqualTo(expected.toEpochMilli());
            assertThat(clock.getZone()).isEqualTo(source.getZone());
        }
    }

    @Test
    void stopsTickingWhenClosed() throws InterruptedException {
        MutableClock source = MutableClock.atSomeFixedTime();
        MillisecondClock clock = MillisecondClock.start(source);
        clock.close();

        source.advance(Duration.ofSeconds(1));
        Thread.sleep(20);

        assertThat(clock.instant()).isBefore(source.instant());
    }
}
