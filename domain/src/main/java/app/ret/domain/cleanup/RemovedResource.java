package app.ret.domain.cleanup;

import java.util.Locale;

/** What a session ending removes and reports, one counter each. */
public enum RemovedResource {
    FILES,
    BYTES,
    CACHE_ENTRIES,
    JOBS,
    INDEX_DOCUMENTS;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
