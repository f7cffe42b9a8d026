package app.ret.domain.cache;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CacheCountersTest {
    @Test
    void readsAndEvictionsAddUpToTheStatistics() {
        CacheCounters counters = new CacheCounters();
        counters.read(true);
        counters.read(true);
        counters.read(false);
        counters.evicted(1);
        counters.evicted(4);

        assertThat(counters.statistics()).isEqualTo(new CacheStatistics(2, 1, 5));
    }
}
