package app.ret.adapters.http.pipeline;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** API times: UTC, whole seconds, {@code 2026-11-25T23:00:00Z}. */
public final class Rfc3339 {
    private Rfc3339() {}

    public static String format(Instant instant) {
        return instant.truncatedTo(ChronoUnit.SECONDS).toString();
    }
}
