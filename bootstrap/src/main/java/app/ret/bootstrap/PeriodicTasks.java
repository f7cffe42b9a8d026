package app.ret.bootstrap;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** Background maintenance (sweepers) on one daemon thread; a failing run is logged and retried next period. */
final class PeriodicTasks implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(PeriodicTasks.class.getName());

    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "ret-maintenance");
        thread.setDaemon(true);
        return thread;
    });

    void every(Duration period, String name, Runnable task) {
        long millis = period.toMillis();
        scheduler.scheduleWithFixedDelay(() -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.ERROR, name + " failed; retrying in " + period.toSeconds() + "s", e);
            }
        }, millis, millis, TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
        try {
            scheduler.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
