package app.ret.domain.ratelimit;

import java.time.Instant;
import java.util.Objects;

/** One key's current window: when it closes and how many requests it admitted so far. */
public record FixedWindow(Instant endsAt, int admitted) {
    public FixedWindow {
        Objects.requireNonNull(endsAt, "endsAt");
        if (admitted < 0) {
            throw new IllegalArgumentException("a window cannot have admitted a negative number of requests");
        }
    }

    /** A window is closed from the instant it ends. */
    public boolean isClosedAt(Instant now) {
        return !now.isBefore(endsAt);
    }

    /**
     * This window with one admission of {@code grantedIn} given back; unchanged when {@code grantedIn}
     * is another (earlier) window, whose admissions are gone with it.
     */
    public FixedWindow releasing(FixedWindow grantedIn) {
        if (!endsAt.equals(grantedIn.endsAt()) || admitted == 0) {
            return this;
        }
        return new FixedWindow(endsAt, admitted - 1);
    }
}
