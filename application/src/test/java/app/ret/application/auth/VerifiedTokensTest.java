package app.ret.application.auth;

import static org.assertj.core.api.Assertions.assertThat;

import app.ret.adapters.security.Hs256AccessTokenCodec;
import app.ret.domain.token.AccessClaims;
import app.ret.ports.out.AccessTokenCodec;
import app.ret.ports.testing.SampleData;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class VerifiedTokensTest {
    private static final Instant NOW = Instant.parse("2026-01-01T10:00:00Z");

    private final CountingCodec codec = new CountingCodec(new Hs256AccessTokenCodec(
            "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8)));
    private final VerifiedTokens tokens = new VerifiedTokens(codec);

    @Test
    void aGenuineTokenIsVerifiedOnceAndAnsweredFromMemoryAfterwards() {
        AccessClaims claims = claims();
        String token = codec.encode(claims);

        assertThat(tokens.decode(token)).contains(claims);
        assertThat(tokens.decode(new String(token.toCharArray()))).contains(claims);
        assertThat(codec.decodes.get()).isEqualTo(1);
    }

    @Test
    void belowItsCapacityEveryGenuineTokenIsRememberedSideBySide() {
        String first = codec.encode(claims());
        String second = codec.encode(claims());

        for (int round = 0; round < 3; round++) {
            assertThat(tokens.decode(first)).isPresent();
            assertThat(tokens.decode(second)).isPresent();
        }
        assertThat(codec.decodes.get()).isEqualTo(2);
    }

    @Test
    void aRefusedTokenIsCheckedAgainEveryTimeAndNeverRemembered() {
        String token = codec.encode(claims());
        String tampered = token.substring(0, token.length() - 2) + (token.endsWith("A") ? "BB" : "AA");

        assertThat(tokens.decode(tampered)).isEmpty();
        assertThat(tokens.decode(tampered)).isEmpty();
        assertThat(codec.decodes.get()).isEqualTo(2);
    }

    @Test
    void pastItsCapacityTheMemoryStartsOverAndStillAnswersCorrectly() {
        AccessClaims first = claims();
        String firstToken = codec.encode(first);
        tokens.decode(firstToken);
        for (int i = 0; i < VerifiedTokens.CAPACITY; i++) {
            tokens.decode(codec.encode(claims()));
        }
        int before = codec.decodes.get();

        assertThat(tokens.decode(firstToken)).contains(first);
        assertThat(codec.decodes.get()).as("verified again after the memory started over").isEqualTo(before + 1);
    }

    private static AccessClaims claims() {
        var session = SampleData.session("alice", NOW);
        return new AccessClaims(session.id(), session.username(), session.role(), NOW, NOW.plusSeconds(900),
                SampleData.newSessionId().value());
    }

    private static final class CountingCodec implements AccessTokenCodec {
        private final AccessTokenCodec codec;
        final AtomicInteger decodes = new AtomicInteger();

        CountingCodec(AccessTokenCodec codec) {
            this.codec = codec;
        }

        @Override
        public String encode(AccessClaims claims) {
            return codec.encode(claims);
        }

        @Override
        public Optional<AccessClaims> decode(String token) {
            decodes.incrementAndGet();
            return codec.decode(token);
        }
    }
}
