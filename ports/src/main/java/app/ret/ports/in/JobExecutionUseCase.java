package app.ret.ports.in;

import java.time.Duration;

/** The worker pool's life: started once the process is ready, stopped when it shuts down. */
public interface JobExecutionUseCase {
    /**
     * Re-queues the jobs a previous process left running (it is gone, so their workers are
     * too; on a queue shared with other instances only the jobs whose lease expired), then starts
     * the workers; returns how many jobs were released.
     */
    int start();

    /**
     * Stops claiming, asks running jobs to stop at their next unit boundary (they go back to
     * the queue) and waits up to {@code grace} for the workers; true when all of them ended.
     * Jobs still running after that are re-queued by the next start.
     */
    boolean stop(Duration grace);
}
