package app.ret.domain.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.ret.domain.session.SessionId;
import org.junit.jupiter.api.Test;

class CacheKeysTest {
    private static final SessionId SESSION = new SessionId("0123456789abcdef0123456789abcdef");

    @Test
    void cacheKeysAreOneToFiveHundredTwelveVisibleAsciiCharacters() {
        assertThat(CacheKey.isValid("session:abc:state:x.y")).isTrue();
        assertThat(CacheKey.isValid("~".repeat(CacheKey.MAX_LENGTH))).isTrue();
        assertThat(CacheKey.isValid("~".repeat(CacheKey.MAX_LENGTH + 1))).isFalse();
        assertThat(CacheKey.isValid("")).isFalse();
        assertThat(CacheKey.isValid(null)).isFalse();
        assertThat(CacheKey.isValid("with space")).isFalse();
        assertThat(CacheKey.isValid("tab\t")).isFalse();
        assertThat(CacheKey.isValid("\u00fc")).isFalse();
        assertThatThrownBy(() -> new CacheKey("a b")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void stateKeysFollowTheApiRule() {
        assertThat(StateKey.isValid("a.b_c:d-E9")).isTrue();
        assertThat(StateKey.isValid("k".repeat(200))).isTrue();
        assertThat(StateKey.isValid("k".repeat(201))).isFalse();
        for (String bad : new String[] {"", "a b", "a/b", "a%b", "a*b", "\u00fc", "a\u0000"}) {
            assertThat(StateKey.isValid(bad)).as(bad).isFalse();
        }
        assertThatThrownBy(() -> new StateKey("a/b")).hasMessage(StateKey.RULE);
    }

    @Test
    void theCoveringPrefixesMatchEveryKeyExactlyOnce() {
        for (String key : new String[] {"!", "~", "session:abc:state:x", "Zz", "0"}) {
            assertThat(CacheKeyPrefix.coveringEveryKey()).as(key)
                    .filteredOn(prefix -> prefix.matches(new CacheKey(key))).hasSize(1);
        }
        assertThat(CacheKeyPrefix.coveringEveryKey()).hasSize('~' - '!' + 1);
    }

    @Test
    void prefixesMatchLiterallyAndCaseSensitively() {
        CacheKeyPrefix prefix = new CacheKeyPrefix("a_b:");
        assertThat(prefix.matches(new CacheKey("a_b:1"))).isTrue();
        assertThat(prefix.matches(new CacheKey("axb:1"))).isFalse();
        assertThat(prefix.matches(new CacheKey("A_B:1"))).isFalse();
        assertThat(prefix.matches(new CacheKey("a_b"))).isFalse();
        assertThat(prefix.remainderOf(new CacheKey("a_b:rest"))).isEqualTo("rest");
        assertThatThrownBy(() -> prefix.remainderOf(new CacheKey("zzz"))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theUpperBoundClosesExactlyTheKeysWithThePrefix() {
        assertThat(new CacheKeyPrefix("session:ab:").upperBound()).isEqualTo("session:ab;");
        assertThat(new CacheKeyPrefix("a~").upperBound()).isEqualTo("a\u007f");
        assertThat("session:ab:~".compareTo(new CacheKeyPrefix("session:ab:").upperBound())).isNegative();
    }

    @Test
    void aSessionsStateLivesInsideItsNamespace() {
        SessionCacheNamespace namespace = new SessionCacheNamespace(SESSION);
        CacheKey key = namespace.stateKey(new StateKey("theme"));
        assertThat(key.value()).isEqualTo("session:0123456789abcdef0123456789abcdef:state:theme");
        assertThat(namespace.everything().matches(key)).isTrue();
        assertThat(namespace.state().matches(key)).isTrue();
        assertThat(namespace.stateKeyOf(key)).isEqualTo(new StateKey("theme"));
        SessionCacheNamespace other = new SessionCacheNamespace(new SessionId("ffffffffffffffffffffffffffffffff"));
        assertThat(other.everything().matches(key)).isFalse();
    }

    @Test
    void hitRateIsHitsOverReads() {
        assertThat(new CacheStatistics(3, 1, 0).hitRate()).isEqualTo(0.75);
        assertThat(new CacheStatistics(0, 0, 0).hitRate()).isZero();
        assertThatThrownBy(() -> new CacheStatistics(-1, 0, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
