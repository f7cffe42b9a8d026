package app.ret.ports.out;

import static org.assertj.core.api.Assertions.assertThat;

import app.ret.domain.session.EndReason;
import app.ret.domain.session.Session;
import app.ret.domain.session.SessionStatus;
import app.ret.domain.user.Username;
import app.ret.ports.testing.Races;
import app.ret.ports.testing.SampleData;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

public abstract class SessionStoreContract {
    protected static final Instant T0 = Instant.parse("2026-11-25T12:00:00Z");

    protected abstract SessionStore store();

    protected abstract SessionStore reopened();

    @Test
    void insertThenFindRoundTrips() {
        Session session = SampleData.session("alice", T0);
        store().insert(session);
        assertThat(store().find(session.id())).contains(session);
    }

    @Test
    void absentSessionIsEmpty() {
        assertThat(store().find(SampleData.newSessionId())).isEmpty();
    }

    @Test
    void touchMovesLastSeenForwardOnly() {
        Session session = SampleData.session("alice", T0);
        store().insert(session);
        store().touch(session.id(), T0.plusSeconds(90));
        store().touch(session.id(), T0.plusSeconds(30));
        assertThat(store().find(session.id()).orElseThrow().lastSeenAt()).isEqualTo(T0.plusSeconds(90));
    }

    @Test
    void markEndingHappensOnceAndKeepsTheReason() {
        Session session = SampleData.session("alice", T0);
        store().insert(session);
        assertThat(store().markEnding(session.id(), EndReason.LOGOUT)).hasValueSatisfying(ending -> {
            assertThat(ending.status()).isEqualTo(SessionStatus.ENDING);
            assertThat(ending.endReason()).contains(EndReason.LOGOUT);
        });
        assertThat(store().markEnding(session.id(), EndReason.ADMIN)).isEmpty();
        assertThat(store().find(session.id()).orElseThrow().endReason()).contains(EndReason.LOGOUT);
        assertThat(store().listEnding()).extracting(Session::id).containsExactly(session.id());
        assertThat(store().listActive()).isEmpty();
    }

    @Test
    void markEndingOfUnknownSessionIsEmpty() {
        assertThat(store().markEnding(SampleData.newSessionId(), EndReason.LOGOUT)).isEmpty();
    }

    @Test
    void concurrentEndingsLetExactlyOneWin() throws Exception {
        Session session = SampleData.session("alice", T0);
        store().insert(session);
        assertThat(Races.winners(8, () -> store().markEnding(session.id(), EndReason.LOGOUT).isPresent())).isEqualTo(1);
    }

    @Test
    void deleteRemovesTheRecord() {
        Session session = SampleData.session("alice", T0);
        store().insert(session);
        assertThat(store().delete(session.id())).isTrue();
        assertThat(store().delete(session.id())).isFalse();
        assertThat(store().find(session.id())).isEmpty();
    }

    @Test
    void listsActiveSessionsOldestFirstAndByUser() {
        Session later = SampleData.session("bob", T0.plusSeconds(10));
        Session earlier = SampleData.session("alice", T0);
        Session alsoAlice = SampleData.session("alice", T0.plusSeconds(20));
        store().insert(later);
        store().insert(earlier);
        store().insert(alsoAlice);
        assertThat(store().listActive()).extracting(Session::id).containsExactly(earlier.id(), later.id(), alsoAlice.id());
        assertThat(store().listActiveOf(new Username("alice"))).extracting(Session::id)
                .containsExactlyInAnyOrder(earlier.id(), alsoAlice.id());
    }

    @Test
    void idleExpiryIsExactAtTheBoundary() {
        Session session = SampleData.session("alice", T0);
        store().insert(session);
        Instant idleEnd = T0.plus(SampleData.TIMEOUTS.idle());
        assertThat(store().listExpired(idleEnd.minusMillis(1))).isEmpty();
        assertThat(store().listExpired(idleEnd)).extracting(Session::id).containsExactly(session.id());
    }

    @Test
    void touchingPostponesIdleExpiryButNotAbsoluteExpiry() {
        Session session = SampleData.session("alice", T0);
        store().insert(session);
        Duration step = SampleData.TIMEOUTS.idle().minusMinutes(1);
        Instant now = T0;
        Instant absoluteEnd = T0.plus(SampleData.TIMEOUTS.absolute());
        while (now.plus(step).isBefore(absoluteEnd)) {
            now = now.plus(step);
            assertThat(store().listExpired(now)).isEmpty();
            store().touch(session.id(), now);
        }
        assertThat(store().listExpired(absoluteEnd.minusMillis(1))).isEmpty();
        assertThat(store().listExpired(absoluteEnd)).extracting(Session::id).containsExactly(session.id());
    }

    @Test
    void endingSessionsAreNotListedAsExpired() {
        Session session = SampleData.session("alice", T0);
        store().insert(session);
        store().markEnding(session.id(), EndReason.LOGOUT);
        assertThat(store().listExpired(T0.plus(Duration.ofDays(30)))).isEmpty();
    }

    @Test
    void sessionsSurviveReopening() {
        Session session = SampleData.session("alice", T0);
        store().insert(session);
        Session ending = SampleData.session("bob", T0);
        store().insert(ending);
        store().markEnding(ending.id(), EndReason.IDLE_TIMEOUT);
        SessionStore again = reopened();
        assertThat(again.find(session.id())).contains(session);
        assertThat(again.listEnding()).extracting(Session::id).containsExactly(ending.id());
    }
}
