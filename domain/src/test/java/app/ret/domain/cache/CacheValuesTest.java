package app.ret.domain.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CacheValuesTest {
    @Test
    void stateKeysAreLettersDigitsAndDotUnderscoreColonDash() {
        for (String good : new String[] {"az", "AZ", "09", "a.b_c:d-e", "k".repeat(StateKey.MAX_LENGTH)}) {
            assertThat(StateKey.isValid(good)).as(good).isTrue();
        }
        for (String bad : new String[] {"`", "{", "@", "[", "/", ";", "a b", "", "k".repeat(StateKey.MAX_LENGTH + 1)}) {
            assertThat(StateKey.isValid(bad)).as(bad).isFalse();
        }
        assertThat(StateKey.isValid(null)).isFalse();
    }

    @Test
    void stateKeysSortAndPrintAsTheirText() {
        List<StateKey> keys = new ArrayList<>(List.of(new StateKey("b"), new StateKey("B"), new StateKey("a")));
        Collections.sort(keys);
        assertThat(keys).extracting(StateKey::toString).containsExactly("B", "a", "b");
    }

    @Test
    void cacheKeysSortAndPrintAsTheirText() {
        List<CacheKey> keys = new ArrayList<>(List.of(new CacheKey("s:2"), new CacheKey("s:10")));
        Collections.sort(keys);
        assertThat(keys).extracting(CacheKey::toString).containsExactly("s:10", "s:2");
    }

    @Test
    void aSummaryMayDescribeAnEmptyValue() {
        CacheKey key = new CacheKey("k");
        assertThat(new CacheEntrySummary(key, 0, Instant.EPOCH, Optional.empty()).size()).isZero();
        assertThatThrownBy(() -> new CacheEntrySummary(key, -1, Instant.EPOCH, Optional.empty())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void equalEntriesHashAlike() {
        CacheKey key = new CacheKey("k");
        CacheEntry one = new CacheEntry(key, new byte[] {1, 2}, Instant.EPOCH, Optional.empty());
        CacheEntry same = new CacheEntry(key, new byte[] {1, 2}, Instant.EPOCH, Optional.empty());
        CacheEntry other = new CacheEntry(key, new byte[] {1, 3}, Instant.EPOCH, Optional.empty());
        assertThat(one).isEqualTo(same).hasSameHashCodeAs(same).isNotEqualTo(other);
        assertThat(one.hashCode()).isNotEqualTo(other.hashCode());
    }

    @Test
    void aPrefixPrintsAsItsText() {
        assertThat(new CacheKeyPrefix("s:")).hasToString("s:");
    }
}
