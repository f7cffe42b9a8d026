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
    /** How long the caller of markEnding holds the cleanup in these cases. */
    private static final Instant HELD_UNTIL = T0.plusSeconds(30);

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
    void workRunInOneTransactionKeepsItsWritesAndAnswersItsResult() {
        Session kept = SampleData.session("alice", T0);
        Session removed = SampleData.session("bob", T0);
        store().insert(kept);
        store().insert(removed);

        assertThat(store().inOneTransaction(() -> {
            store().touch(kept.id(), T0.plusSeconds(5));
            return store().delete(removed.id());
        })).isTrue();

        assertThat(store().find(kept.id()).orElseThrow().lastSeenAt()).isEqualTo(T0.plusSeconds(5));
        assertThat(store().find(removed.id())).isEmpty();
    }

    @Test
    void markEndingHappensOnceAndKeepsTheReason() {
        Session session = SampleData.session("alice", T0);
        store().insert(session);
        assertThat(store().markEnding(session.id(), EndReason.LOGOUT, HELD_UNTIL)).hasValueSatisfying(ending -> {
            assertThat(ending.status()).isEqualTo(SessionStatus.ENDING);
            assertThat(ending.endReason()).contains(EndReason.LOGOUT);
        });
        assertThat(store().markEnding(session.id(), EndReason.ADMIN, HELD_UNTIL)).isEmpty();
        assertThat(store().find(session.id()).orElseThrow().endReason()).contains(EndReason.LOGOUT);
        assertThat(store().claimUnfinishedEndings(HELD_UNTIL, HELD_UNTIL.plusSeconds(30))).extracting(Session::id)
                .containsExactly(session.id());
        assertThat(store().listActive()).isEmpty();
    }

    @Test
    void anEndingsCleanupIsHeldByWhoeverMarkedItUntilTheClaimRunsOutThenByOneClaimerAtATime() throws Exception {
        Session session = SampleData.session("alice", T0);
        store().insert(session);
        store().markEnding(session.id(), EndReason.LOGOUT, HELD_UNTIL);
        assertThat(store().claimUnfinishedEndings(HELD_UNTIL.minusMillis(1), HELD_UNTIL.plusSeconds(30)))
                .as("the marker is still at it").isEmpty();
        Instant takenOverUntil = HELD_UNTIL.plusSeconds(30);
        assertThat(Races.winners(8, () -> !store().claimUnfinishedEndings(HELD_UNTIL, takenOverUntil).isEmpty()))
                .as("its claim ran out: exactly one sweeper takes it over").isEqualTo(1);
        assertThat(store().claimUnfinishedEndings(takenOverUntil.minusMillis(1), takenOverUntil.plusSeconds(30))).isEmpty();
        assertThat(store().claimUnfinishedEndings(takenOverUntil, takenOverUntil.plusSeconds(30))).extracting(Session::id)
                .containsExactly(session.id());
        store().delete(session.id());
        assertThat(store().claimUnfinishedEndings(T0.plus(Duration.ofDays(1)), T0.plus(Duration.ofDays(2)))).isEmpty();
    }

    @Test
    void markEndingOfUnknownSessionIsEmpty() {
        assertThat(store().markEnding(SampleData.newSessionId(), EndReason.LOGOUT, HELD_UNTIL)).isEmpty();
    }

    @Test
    void concurrentEndingsLetExactlyOneWin() throws Exception {
        Session session = SampleData.session("alice", T0);
        store().insert(session);
        assertThat(Races.winners(8, () -> store().markEnding(session.id(), EndReason.LOGOUT, HELD_UNTIL).isPresent())).isEqualTo(1);
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
        store().insert(alsoAlice);
        store().insert(earlier);
        assertThat(store().listActive()).extracting(Session::id).containsExactly(earlier.id(), later.id(), alsoAlice.id());
        assertThat(store().listActiveOf(new Username("alice"))).extracting(Session::id)
                .containsExactly(earlier.id(), alsoAlice.id());
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
        store().markEnding(session.id(), EndReason.LOGOUT, HELD_UNTIL);
        assertThat(store().listExpired(T0.plus(Duration.ofDays(30)))).isEmpty();
    }

    @Test
    void sessionsSurviveReopening() {
        Session session = SampleData.session("alice", T0);
        store().insert(session);
        Session ending = SampleData.session("bob", T0);
        store().insert(ending);
        store().markEnding(ending.id(), EndReason.IDLE_TIMEOUT, HELD_UNTIL);
        SessionStore again = reopened();
        assertThat(again.find(session.id())).contains(session);
        assertThat(again.claimUnfinishedEndings(HELD_UNTIL, HELD_UNTIL)).extracting(Session::id).containsExactly(ending.id());
    }
}
