package app.ret.application.cache;

import app.ret.ports.out.CacheTier;
import java.time.Duration;
import java.util.Objects;

/** The two tiers of the cache and the time to live of an entry written without one. */
public record CacheDependencies(CacheTier memory, CacheTier persistent, Duration defaultTtl) {
    public CacheDependencies {
        Objects.requireNonNull(memory, "memory");
        Objects.requireNonNull(persistent, "persistent");
        Objects.requireNonNull(defaultTtl, "defaultTtl");
        if (memory == persistent) {
            throw new IllegalArgumentException("the memory and persistent tiers must be two different tiers");
        }
        if (defaultTtl.isNegative() || defaultTtl.isZero()) {
            throw new IllegalArgumentException("the default cache time to live must be positive");
        }
    }
}
