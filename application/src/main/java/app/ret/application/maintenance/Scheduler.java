package app.ret.application.maintenance;

import app.ret.ports.in.MaintenanceUseCase;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;

/**
 * The one home of periodic work. A task falls due one period after it last finished, as the
 * injected clock tells — so a test moving a fake clock moves the schedule — and one thread looks
 * for due tasks at least every second. A failing run is logged and the task tried again a period later.
 */
public final class Scheduler implements MaintenanceUseCase {
    private static final System.Logger LOG = System.getLogger(Scheduler.class.getName());
    private static final Duration LONGEST_NAP = Duration.ofSeconds(1);
    private static final Duration STOP_WAIT = Duration.ofSeconds(5);

    private final Clock clock;
    private final ThreadFactory threads;
    private final List<Task> tasks = new ArrayList<>();
    private final CountDownLatch stopping = new CountDownLatch(1);
    private Duration nap = LONGEST_NAP;
    private volatile Thread thread;

    public Scheduler(Clock clock, ThreadFactory threads) {
        this.clock = clock;
        this.threads = threads;
    }

    /** Runs {@code task} every {@code period}, the first time one period from now. */
    public synchronized void every(Duration period, String name, Runnable task) {
        if (period.isNegative() || period.isZero()) {
            throw new IllegalArgumentException(name + " needs a positive period");
        }
        tasks.add(new Task(name, period, task, clock.instant().plus(period)));
        nap = period.compareTo(nap) < 0 ? period : nap;
    }

    @Override
    public synchronized int runDue() {
        int ran = 0;
        for (Task task : tasks) {
            if (!clock.instant().isBefore(task.due)) {
                task.run();
                task.due = clock.instant().plus(task.period);
                ran++;
            }
        }
        return ran;
    }

    @Override
    public synchronized void start() {
        if (thread != null || stopping.getCount() == 0) {
            throw new IllegalStateException("the scheduler starts once");
        }
        thread = threads.newThread(this::lookForDueTasks);
        thread.start();
    }

    private void lookForDueTasks() {
        try {
            while (!stopping.await(currentNap().toNanos(), TimeUnit.NANOSECONDS)) {
                runDue();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private synchronized Duration currentNap() {
        return nap;
    }

    /** Does not take the scheduler's lock, so a task that hangs cannot hold up shutdown for more than a few seconds. */
    @Override
    public void stop() {
        stopping.countDown();
        Thread running = thread;
        if (running == null) {
            return;
        }
        try {
            running.join(STOP_WAIT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static final class Task {
        private final String name;
        private final Duration period;
        private final Runnable body;
        private Instant due;

        Task(String name, Duration period, Runnable body, Instant due) {
            this.name = name;
            this.period = period;
            this.body = body;
            this.due = due;
        }

        void run() {
            try {
                body.run();
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.ERROR, name + " failed; retrying in " + period.toSeconds() + "s", e);
            }
        }
    }
}
