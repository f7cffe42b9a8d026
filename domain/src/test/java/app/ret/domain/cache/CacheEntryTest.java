package app.ret.domain.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CacheEntryTest {
    private static final Instant T0 = Instant.parse("2026-11-25T12:00:00Z");
    private static final CacheKey KEY = new CacheKey("k");

    @Test
    void expiryIsExactAtTheBoundary() {
        CacheEntry entry = CacheEntry.expiring(KEY, new byte[] {1}, T0, Duration.ofSeconds(60));
        assertThat(entry.expiredAt(T0.plusSeconds(60).minusMillis(1))).isFalse();
        assertThat(entry.expiredAt(T0.plusSeconds(60))).isTrue();
        assertThat(new CacheEntry(KEY, new byte[0], T0, Optional.empty()).expiredAt(Instant.MAX)).isFalse();
    }

    @Test
    void theBytesCannotBeChangedFromOutside() {
        byte[] written = {1, 2, 3};
        CacheEntry entry = new CacheEntry(KEY, written, T0, Optional.empty());
        written[0] = 9;
        entry.value()[1] = 9;
        assertThat(entry.value()).containsExactly(1, 2, 3);
        assertThat(entry.size()).isEqualTo(3);
    }

    @Test
    void equalityComparesTheBytesAndToStringHidesThem() {
        CacheEntry a = new CacheEntry(KEY, new byte[] {'s', 'e', 'c'}, T0, Optional.empty());
        CacheEntry b = new CacheEntry(KEY, new byte[] {'s', 'e', 'c'}, T0, Optional.empty());
        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
        assertThat(a).isNotEqualTo(new CacheEntry(KEY, new byte[] {'s', 'e', 'x'}, T0, Optional.empty()));
        assertThat(a.toString()).contains("size=3").doesNotContain("sec");
    }

    @Test
    void timesAreKeptToTheMillisecond() {
        CacheEntry entry = CacheEntry.expiring(KEY, new byte[0], T0.plusNanos(1_500_000), Duration.ofMillis(1));
        assertThat(entry.createdAt()).isEqualTo(T0.plusMillis(1));
        assertThat(entry.expiresAt()).contains(T0.plusMillis(2));
    }

    @Test
    void anEntryMustExpireAfterItIsWritten() {
        assertThatThrownBy(() -> CacheEntry.expiring(KEY, new byte[0], T0, Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CacheEntry(KEY, new byte[0], T0, Optional.of(T0))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theSummaryCarriesEverythingButTheBytes() {
        CacheEntry entry = CacheEntry.expiring(KEY, new byte[7], T0, Duration.ofSeconds(5));
        assertThat(entry.summary()).isEqualTo(new CacheEntrySummary(KEY, 7, T0, Optional.of(T0.plusSeconds(5))));
    }
}
