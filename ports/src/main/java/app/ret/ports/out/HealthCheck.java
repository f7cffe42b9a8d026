package app.ret.ports.out;

/** One readiness condition (database answers, runtime root writable, ...). */
public interface HealthCheck {
    String name();

    /** Empty when healthy, else a short reason safe to show to clients (no paths, no SQL). */
    java.util.Optional<String> problem();
}
