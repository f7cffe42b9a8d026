package app.ret.domain.files;

import java.util.Objects;

/** An archive entry that was not stored, by its name in the archive (nested archives prefix theirs). */
public record SkippedEntry(String name, SkipReason reason) {
    public SkippedEntry {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(reason, "reason");
    }
}
