package app.ret.adapters.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.ret.domain.session.SessionId;
import app.ret.domain.token.AccessClaims;
import app.ret.domain.user.PasswordHash;
import app.ret.domain.user.Role;
import app.ret.domain.user.Username;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SecurityCodecsTest {
    private static final byte[] KEY = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8);

    @Test
    void tokensRoundTripWithSecondPrecision() {
        AccessClaims claims = new AccessClaims(new SessionId("0123456789abcdef0123456789abcdef"), new Username("alice"), Role.ADMIN,
                Instant.parse("2026-11-25T12:00:00Z"), Instant.parse("2026-11-25T12:30:00Z"), "jti");
        Hs256AccessTokenCodec codec = new Hs256AccessTokenCodec(KEY);
        assertThat(codec.decode(codec.encode(claims))).contains(claims);
        assertThat(new Hs256AccessTokenCodec("another key of thirty-two bytes!!".getBytes(StandardCharsets.UTF_8))
                .decode(codec.encode(claims))).isEmpty();
    }

    @Test
    void shortKeysAreRefused() {
        assertThatThrownBy(() -> new Hs256AccessTokenCodec(new byte[31])).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void passwordsVerifyOnlyWhenRightAndCarryTheirParameters() {
        Pbkdf2PasswordHasher hasher = new Pbkdf2PasswordHasher(new Random(7));
        PasswordHash hash = hasher.hash("correct horse".toCharArray(), 1000);
        assertThat(hash.encoded()).startsWith("pbkdf2-sha256$1000$");
        assertThat(hash.iterations()).isEqualTo(1000);
        assertThat(hasher.verify("correct horse".toCharArray(), hash)).isTrue();
        assertThat(hasher.verify("correct horsE".toCharArray(), hash)).isFalse();
        assertThat(hasher.verify("correct horse".toCharArray(), new PasswordHash("md5$abc", 1))).isFalse();
        assertThat(hasher.verify("x".toCharArray(), new PasswordHash("pbkdf2-sha256$nan$a$b", 1))).isFalse();
    }

    @Test
    void theSamePasswordGetsDifferentSalts() {
        Pbkdf2PasswordHasher hasher = new Pbkdf2PasswordHasher(new Random(7));
        assertThat(hasher.hash("pw-12345".toCharArray(), 1000).encoded()).isNotEqualTo(hasher.hash("pw-12345".toCharArray(), 1000).encoded());
    }
}
