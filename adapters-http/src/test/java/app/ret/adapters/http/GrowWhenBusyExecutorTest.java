package app.ret.adapters.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class GrowWhenBusyExecutorTest {
    private static GrowWhenBusyExecutor pool(int core, int max) {
        AtomicInteger names = new AtomicInteger();
        return new GrowWhenBusyExecutor(core, max, 30, task -> {
            Thread thread = new Thread(task, "test-pool-" + names.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    @Test
    void blockedTasksDoNotHoldUpOthersWhileThePoolMayGrow() throws Exception {
        GrowWhenBusyExecutor pool = pool(2, 20);
        try {
            CountDownLatch release = new CountDownLatch(1);
            for (int i = 0; i < 10; i++) {
                pool.execute(() -> await(release));
            }
            CountDownLatch quick = new CountDownLatch(1);
            pool.execute(quick::countDown);

            assertThat(quick.await(5, TimeUnit.SECONDS)).as("ran beside ten blocked tasks").isTrue();
            assertThat(pool.getPoolSize()).isEqualTo(11);
            release.countDown();
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void steadyTrafficReusesThreadsInsteadOfStartingNewOnes() throws Exception {
        GrowWhenBusyExecutor pool = pool(4, 1000);
        try {
            int clients = 50;
            Semaphore inFlight = new Semaphore(clients);
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(1500);
            List<Thread> producers = new ArrayList<>();
            for (int producer = 0; producer < 2; producer++) {
                Thread thread = new Thread(() -> {
                    while (System.nanoTime() < deadline) {
                        inFlight.acquireUninterruptibly();
                        pool.execute(() -> {
                            spin();
                            inFlight.release();
                        });
                    }
                });
                thread.start();
                producers.add(thread);
            }
            for (Thread producer : producers) {
                producer.join();
            }
            // A task frees its client's slot just before it finishes, so a client's next task can briefly
            // meet its previous one still running: up to two tasks per client, never the 1000 allowed.
            assertThat(pool.getLargestPoolSize()).as("threads track the tasks running at once").isLessThanOrEqualTo(2 * clients);
            assertThat(pool.getCompletedTaskCount()).as("the pool was kept busy").isGreaterThan(1000);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void pastItsMaximumThePoolQueuesInsteadOfRefusing() throws Exception {
        GrowWhenBusyExecutor pool = pool(1, 3);
        try {
            CountDownLatch release = new CountDownLatch(1);
            CountDownLatch ran = new CountDownLatch(6);
            for (int i = 0; i < 6; i++) {
                pool.execute(() -> {
                    await(release);
                    ran.countDown();
                });
            }
            assertThat(pool.getPoolSize()).isEqualTo(3);
            assertThat(pool.getQueue()).hasSize(3);
            release.countDown();
            assertThat(ran.await(5, TimeUnit.SECONDS)).isTrue();
        } finally {
            pool.shutdownNow();
        }
    }

    private static void spin() {
        long until = System.nanoTime() + 20_000;
        while (System.nanoTime() < until) {
            Thread.onSpinWait();
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
