package app.ret.application.maintenance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.ret.ports.testing.MutableClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SchedulerTest {
    private final MutableClock clock = MutableClock.atSomeFixedTime();
    private final List<Thread> threads = new ArrayList<>();
    private final ThreadFactory recordingThreads = runnable -> {
        Thread thread = new Thread(runnable, "scheduler-test");
        thread.setDaemon(true);
        threads.add(thread);
        return thread;
    };
    private final Scheduler scheduler = new Scheduler(clock, recordingThreads);

    @AfterEach
    void stop() {
        scheduler.stop();
    }

    @Test
    void tasksFallDueByTheInjectedClockOnePeriodAfterTheyLastRan() {
        List<String> ran = new ArrayList<>();
        scheduler.every(Duration.ofSeconds(30), "often", () -> ran.add("often"));
        scheduler.every(Duration.ofSeconds(60), "seldom", () -> ran.add("seldom"));

        assertThat(scheduler.runDue()).isZero();
        clock.advance(Duration.ofSeconds(29));
        assertThat(scheduler.runDue()).isZero();
        clock.advance(Duration.ofSeconds(1));
        assertThat(scheduler.runDue()).isEqualTo(1);
        assertThat(scheduler.runDue()).as("not again until a period has passed").isZero();
        clock.advance(Duration.ofSeconds(30));
        assertThat(scheduler.runDue()).isEqualTo(2);
        clock.advance(Duration.ofHours(5));
        assertThat(scheduler.runDue()).as("a long pause runs each task once, not once per missed period").isEqualTo(2);

        assertThat(ran).containsExactly("often", "often", "seldom", "often", "seldom");
    }

    @Test
    void aFailingTaskDoesNotStopTheOthersAndIsTriedAgainAPeriodLater() {
        AtomicInteger attempts = new AtomicInteger();
        AtomicInteger others = new AtomicInteger();
        scheduler.every(Duration.ofSeconds(10), "broken", () -> {
            attempts.incrementAndGet();
            throw new IllegalStateException("planted failure");
        });
        scheduler.every(Duration.ofSeconds(10), "healthy", others::incrementAndGet);

        clock.advance(Duration.ofSeconds(10));
        assertThat(scheduler.runDue()).isEqualTo(2);
        assertThat(scheduler.runDue()).isZero();
        clock.advance(Duration.ofSeconds(10));
        assertThat(scheduler.runDue()).isEqualTo(2);

        assertThat(attempts).hasValue(2);
        assertThat(others).hasValue(2);
    }

    @Test
    void itsThreadRunsATaskOnceTheClockSaysItIsDueAndEndsWhenStopped() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        scheduler.every(Duration.ofMillis(50), "sweep", runs::incrementAndGet);
        scheduler.start();
        assertThatThrownBy(scheduler::start).as("one thread at a time").isInstanceOf(IllegalStateException.class);

        Thread.sleep(250);
        assertThat(runs).as("five of its 50 ms naps passed on the wall clock, none on the injected one").hasValue(0);
        clock.advance(Duration.ofMillis(50));
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (runs.get() == 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(runs).hasValue(1);

        scheduler.stop();
        assertThat(threads).singleElement().satisfies(thread -> assertThat(thread.isAlive()).isFalse());
        assertThatThrownBy(scheduler::start).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aPeriodMustBePositive() {
        assertThatThrownBy(() -> scheduler.every(Duration.ZERO, "never", () -> {}))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("never needs a positive period");
        assertThatThrownBy(() -> scheduler.every(Duration.ofSeconds(-1), "before", () -> {}))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("before needs a positive period");
    }
}
