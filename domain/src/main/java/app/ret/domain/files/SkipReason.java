package app.ret.domain.files;

import java.util.Locale;

/** Why an archive entry was left out; the wire names reach API clients. */
public enum SkipReason {
    /** Resource forks and metadata that macOS adds under {@code __MACOSX/}. */
    MACOS_METADATA,
    /** A dot-file or anything inside a dot-folder. */
    HIDDEN_FILE,
    /** Neither {@code .xml} nor a nested {@code .zip}. */
    NOT_XML,
    /** Its safe name is taken by an earlier entry, or differs from one only in case (or clashes with a folder of that name). */
    DUPLICATE_NAME;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
