package app.ret.domain.planted;

import java.time.Instant;

/** Planted violation: time read from the wall clock instead of an injected Clock. */
public final class DomainReadingTheWallClock {
    public Instant stamp() {
        return Instant.now();
    }
}
