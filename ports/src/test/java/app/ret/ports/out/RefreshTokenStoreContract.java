package app.ret.ports.out;

import static org.assertj.core.api.Assertions.assertThat;

import app.ret.domain.session.Session;
import app.ret.domain.session.SessionId;
import app.ret.domain.token.RefreshToken;
import app.ret.domain.token.RefreshTokenStatus;
import app.ret.ports.testing.Races;
import app.ret.ports.testing.SampleData;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

public abstract class RefreshTokenStoreContract {
    protected static final Instant T0 = Instant.parse("2026-11-25T12:00:00Z");

    private SessionId sessionId;

    protected abstract RefreshTokenStore store();

    protected abstract RefreshTokenStore reopened();

    /** Stores that keep referential integrity need the owning session to exist first. */
    protected abstract void sessionExists(Session session);

    @BeforeEach
    void createOwningSession() {
        Session session = SampleData.session("alice", T0);
        sessionExists(session);
        sessionId = session.id();
    }

    private RefreshToken token(String hash) {
        return RefreshToken.issued(hash, sessionId, T0, T0.plusSeconds(3600));
    }

    @Test
    void insertThenFindRoundTrips() {
        RefreshToken token = token("h1");
        store().insert(token);
        assertThat(store().find("h1")).contains(token);
        assertThat(store().find("unknown")).isEmpty();
    }

    @Test
    void rotateMarksTheOldOneAndStoresTheSuccessor() {
        store().insert(token("h1"));
        assertThat(store().rotate("h1", token("h2"))).isTrue();
        assertThat(store().find("h1").orElseThrow().status()).isEqualTo(RefreshTokenStatus.ROTATED);
        assertThat(store().find("h2").orElseThrow().status()).isEqualTo(RefreshTokenStatus.ACTIVE);
    }

    @Test
    void aRotatedTokenRemembersWhenItWasRotated() {
        store().insert(token("h1"));
        RefreshToken successor = RefreshToken.issued("h2", sessionId, T0.plusSeconds(90), T0.plusSeconds(3690));
        store().rotate("h1", successor);
        RefreshToken rotated = store().find("h1").orElseThrow();
        assertThat(rotated.rotatedAt()).contains(T0.plusSeconds(90));
        assertThat(store().find("h2").orElseThrow().rotatedAt()).isEmpty();
        assertThat(reopened().find("h1")).contains(rotated);
    }

    @Test
    void aRotatedTokenCannotBeRotatedAgain() {
        store().insert(token("h1"));
        store().rotate("h1", token("h2"));
        assertThat(store().rotate("h1", token("h3"))).isFalse();
        assertThat(store().find("h3")).isEmpty();
    }

    @Test
    void rotatingAnUnknownTokenFails() {
        assertThat(store().rotate("nope", token("h9"))).isFalse();
        assertThat(store().find("h9")).isEmpty();
    }

    @Test
    void racingRotationsLetExactlyOneWin() throws Exception {
        store().insert(token("h1"));
        AtomicInteger successors = new AtomicInteger();
        assertThat(Races.winners(8, () -> store().rotate("h1", token("successor-" + successors.incrementAndGet())))).isEqualTo(1);
    }

    @Test
    void revokeAllRemovesEveryTokenOfTheSessionOnly() {
        Session other = SampleData.session("bob", T0);
        sessionExists(other);
        store().insert(token("h1"));
        store().rotate("h1", token("h2"));
        store().insert(RefreshToken.issued("other", other.id(), T0, T0.plusSeconds(60)));
        assertThat(store().revokeAll(sessionId)).isEqualTo(2);
        assertThat(store().find("h1")).isEmpty();
        assertThat(store().find("h2")).isEmpty();
        assertThat(store().find("other")).isPresent();
        assertThat(store().revokeAll(sessionId)).isZero();
    }

    @Test
    void tokensSurviveReopening() {
        store().insert(token("h1"));
        store().rotate("h1", token("h2"));
        RefreshTokenStore again = reopened();
        assertThat(again.find("h1").orElseThrow().status()).isEqualTo(RefreshTokenStatus.ROTATED);
        assertThat(again.find("h2")).contains(token("h2"));
    }
}
