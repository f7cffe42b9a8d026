package app.ret.domain.session;

import java.time.Duration;

/** How long a session may sit idle and how long it may live at most. */
public record SessionTimeouts(Duration idle, Duration absolute) {
    public SessionTimeouts {
        if (idle == null || idle.isNegative() || idle.isZero()) {
            throw new IllegalArgumentException("idle timeout must be positive");
        }
        if (absolute == null || absolute.isNegative() || absolute.isZero()) {
            throw new IllegalArgumentException("absolute timeout must be positive");
        }
    }

    /**
     * Recording every request's time would make each authenticated request a durable write; a
     * session's last-seen time is only moved forward once it is this stale, a small fraction of
     * the idle timeout.
     */
    public Duration touchGranularity() {
        Duration tenth = idle.dividedBy(10);
        Duration minute = Duration.ofMinutes(1);
        return tenth.compareTo(minute) < 0 ? tenth : minute;
    }
}
