package app.ret.domain.cleanup;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/** Counts of what a cleanup removed; reports from several resources add up. */
public final class CleanupReport {
    private static final CleanupReport EMPTY = new CleanupReport(new EnumMap<>(RemovedResource.class));

    private final Map<RemovedResource, Long> counts;

    private CleanupReport(EnumMap<RemovedResource, Long> counts) {
        this.counts = Collections.unmodifiableMap(counts);
    }

    public static CleanupReport empty() {
        return EMPTY;
    }

    public static CleanupReport of(RemovedResource resource, long count) {
        return empty().with(resource, count);
    }

    public CleanupReport with(RemovedResource resource, long count) {
        if (count < 0) {
            throw new IllegalArgumentException("a removed count cannot be negative");
        }
        EnumMap<RemovedResource, Long> next = copy();
        next.merge(resource, count, Long::sum);
        return new CleanupReport(next);
    }

    public CleanupReport plus(CleanupReport other) {
        EnumMap<RemovedResource, Long> next = copy();
        other.counts.forEach((resource, count) -> next.merge(resource, count, Long::sum));
        return new CleanupReport(next);
    }

    public long count(RemovedResource resource) {
        return counts.getOrDefault(resource, 0L);
    }

    private EnumMap<RemovedResource, Long> copy() {
        EnumMap<RemovedResource, Long> copy = new EnumMap<>(RemovedResource.class);
        copy.putAll(counts);
        return copy;
    }

    @Override
    public boolean equals(Object other) {
        if (!(other instanceof CleanupReport that)) {
            return false;
        }
        for (RemovedResource resource : RemovedResource.values()) {
            if (count(resource) != that.count(resource)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        long hash = 17;
        for (RemovedResource resource : RemovedResource.values()) {
            hash = hash * 31 + count(resource);
        }
        return Long.hashCode(hash);
    }

    @Override
    public String toString() {
        return "CleanupReport" + counts;
    }
}
