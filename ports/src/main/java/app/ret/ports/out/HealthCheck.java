package app.ret.ports.out;

/** One readiness condition (database answers, runtime root writable, ...). */
public interface HealthCheck {
    String name();

    /** Empty when healthy, else a short reason safe to show to clients (no paths, no SQL). Cheap: called by every probe. */
    java.util.Optional<String> problem();

    /**
     * Runs what is too costly for every probe (a scan of the whole database); the maintenance
     * scheduler calls it periodically, and {@link #problem()} reports its last finding.
     */
    default void runPeriodicCheck() {
    }
}
