package app.ret.ports.in;

/**
 * The core's periodic work (ending expired sessions, sweeping the cache and old jobs), due by the
 * core's clock: started once the process serves, or driven by hand with {@link #runDue()}.
 */
public interface MaintenanceUseCase {
    /** Starts the one background thread that runs each task when it falls due. */
    void start();

    /** Runs, on the calling thread, every task that is due by the clock now; returns how many ran. */
    int runDue();

    /** Stops the background thread, letting a task that is running finish. */
    void stop();
}
