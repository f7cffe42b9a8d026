package app.ret.domain.files;

import java.util.Optional;

/**
 * The running account of one archive upload against its {@link ArchiveLimits}. The reader tells it
 * what it meets as it meets it — entries as each archive is opened, bytes as they are inflated —
 * and stops at the first problem, so a bomb is refused after at most one limit's worth of work.
 */
public final class ArchiveBudget {
    private final ArchiveLimits limits;
    private long entries;
    private long inflated;

    public ArchiveBudget(ArchiveLimits limits) {
        this.limits = limits;
    }

    /** An archive was found at {@code depth} (the upload itself is 1): may it be opened? */
    public Optional<ArchiveProblem> nest(int depth) {
        return depth > limits.maxDepth() ? Optional.of(ArchiveProblem.NESTED_TOO_DEEP) : Optional.empty();
    }

    /** An archive with {@code count} entries is about to be read. */
    public Optional<ArchiveProblem> entries(int count) {
        entries += count;
        return entries > limits.maxEntries() ? Optional.of(ArchiveProblem.TOO_MANY_ENTRIES) : Optional.empty();
    }

    /** Starts counting one entry whose stored (compressed) form has {@code compressedSize} bytes. */
    public Entry entry(long compressedSize) {
        return new Entry(Math.max(0, compressedSize));
    }

    /** One entry's inflation, counted against its own ratio and the archive's total. */
    public final class Entry {
        private final long compressedSize;
        private long produced;

        private Entry(long compressedSize) {
            this.compressedSize = compressedSize;
        }

        /** {@code count} more bytes came out of the inflater. */
        public Optional<ArchiveProblem> inflated(long count) {
            produced += count;
            inflated += count;
            if (inflated > limits.maxInflatedBytes()) {
                return Optional.of(ArchiveProblem.TOO_MANY_BYTES);
            }
            if (produced > compressedSize * limits.maxRatio()) {
                return Optional.of(ArchiveProblem.RATIO);
            }
            return Optional.empty();
        }
    }
}
