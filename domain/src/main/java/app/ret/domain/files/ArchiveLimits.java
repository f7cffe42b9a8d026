package app.ret.domain.files;

/**
 * What one uploaded archive may cost: entries (counted over every nested archive too), bytes
 * produced by inflation (likewise), the inflated-to-compressed ratio of any one entry, and how
 * deep archives may nest (the upload itself is level 1).
 */
public record ArchiveLimits(int maxEntries, long maxInflatedBytes, int maxRatio, int maxDepth) {
    public static final int DEFAULT_MAX_DEPTH = 3;

    public ArchiveLimits {
        if (maxEntries < 1 || maxInflatedBytes < 1 || maxRatio < 1 || maxDepth < 1) {
            throw new IllegalArgumentException("archive limits must be positive");
        }
    }
}
