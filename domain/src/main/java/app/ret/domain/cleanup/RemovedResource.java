package app.ret.domain.cleanup;

import java.util.Locale;

/** What a session ending removes and reports, one counter each. */
public enum RemovedResource {
    FILES,
    BYTES,
    CACHE_ENTRIES,
    JOBS,
    /** Rows of the session's search index. */
    INDEX_ROWS,
    /** Conversion results no live session refers to any more (derived data: it never outlives its sessions). */
    CONVERSION_CACHE_ENTRIES,
    CONVERSION_CACHE_BYTES;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
