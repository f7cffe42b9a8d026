package app.ret.application.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** One password check at a time and one waiting: a waiting login whose thread is interrupted gives up, and its thread still knows. */
class PasswordCheckGateTest {
    private final PasswordCheckGate gate = new PasswordCheckGate(1, 1);
    private final ExecutorService pool = Executors.newFixedThreadPool(2);

    @AfterEach
    void stopThreads() {
        pool.shutdownNow();
    }

    @Test
    void aWaitingCheckInterruptedGivesUpAndKeepsTheInterrupt() throws Exception {
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch finish = new CountDownLatch(1);
        Future<Optional<String>> first = pool.submit(() -> gate.run(() -> {
            running.countDown();
            await(finish);
            return "first";
        }));
        assertThat(running.await(10, TimeUnit.SECONDS)).isTrue();
        AtomicReference<Thread> waitingThread = new AtomicReference<>();
        CompletableFuture<Boolean> interruptKept = new CompletableFuture<>();
        Future<Optional<String>> waiting = pool.submit(() -> {
            waitingThread.set(Thread.currentThread());
            Optional<String> result = gate.run(() -> "second");
            interruptKept.complete(Thread.currentThread().isInterrupted());
            return result;
        });
        awaitParked(waitingThread);

        waitingThread.get().interrupt();

        assertThat(waiting.get(10, TimeUnit.SECONDS)).isEmpty();
        assertThat(interruptKept.get(10, TimeUnit.SECONDS)).isTrue();
        finish.countDown();
        assertThat(first.get(10, TimeUnit.SECONDS)).contains("first");
        assertThat(gate.run(() -> "third")).contains("third");
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void awaitParked(AtomicReference<Thread> thread) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (thread.get() == null || thread.get().getState() != Thread.State.WAITING) {
            assertThat(System.nanoTime()).as("the second check never waited at the gate").isLessThan(deadline);
            Thread.sleep(1);
        }
    }
}
