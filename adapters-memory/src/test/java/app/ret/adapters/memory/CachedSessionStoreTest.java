package app.ret.adapters.memory;

import static org.assertj.core.api.Assertions.assertThat;

import app.ret.domain.session.EndReason;
import app.ret.domain.session.Session;
import app.ret.domain.session.SessionId;
import app.ret.domain.user.Username;
import app.ret.ports.out.SessionStore;
import app.ret.ports.out.SessionStoreContract;
import app.ret.ports.testing.MutableClock;
import app.ret.ports.testing.SampleData;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The store contract holds through the memory, and a held session never outlives its ending. */
class CachedSessionStoreTest extends SessionStoreContract {
    private static final Duration TRUST = Duration.ofSeconds(1);
    private static final Instant CLAIM = Instant.parse("2100-01-01T00:00:00Z");

    private final MutableClock clock = MutableClock.atSomeFixedTime();
    private final CountingStore durable = new CountingStore();
    private final CachedSessionStore cached = new CachedSessionStore(durable, clock, TRUST);

    @Override
    protected SessionStore store() {
        return cached;
    }

    @Override
    protected SessionStore reopened() {
        return cached;
    }

    @Test
    void anActiveSessionIsReadFromTheDurableStoreOncePerTrustPeriod() {
        Session session = started();

        assertThat(cached.find(session.id())).contains(session);
        assertThat(cached.find(session.id())).contains(session);
        assertThat(durable.finds.get()).isEqualTo(1);
        clock.advance(TRUST);
        assertThat(cached.find(session.id())).contains(session);
        assertThat(durable.finds.get()).isEqualTo(2);
    }

    @Test
    void theEndingForgetsTheSessionBeforeItReturns() {
        Session session = started();
        cached.find(session.id());

        cached.markEnding(session.id(), EndReason.LOGOUT, CLAIM);

        assertThat(cached.find(session.id())).hasValueSatisfying(found -> assertThat(found.isActive()).isFalse());
        cached.delete(session.id());
        assertThat(cached.find(session.id())).isEmpty();
    }

    @Test
    void aTouchMovesTheHeldLastSeenForward() {
        Session session = started();
        cached.find(session.id());
        Instant later = clock.instant().plusMillis(500);

        cached.touch(session.id(), later);

        assertThat(cached.find(session.id()).orElseThrow().lastSeenAt()).isEqualTo(later);
        assertThat(durable.finds.get()).isEqualTo(1);
    }

    @Test
    void anEndingInAnotherProcessIsSeenWhenTheTrustRunsOutOrAtOnceThroughTheHook() {
        Session first = started();
        Session second = started();
        cached.find(first.id());
        cached.find(second.id());
        durable.markEnding(first.id(), EndReason.USER_DISABLED, CLAIM); // another process, same database
        durable.markEnding(second.id(), EndReason.ADMIN, CLAIM);
        assertThat(cached.find(first.id())).as("nobody told this process yet").contains(first);

        cached.endedElsewhere(second.id());
        assertThat(cached.find(second.id()).orElseThrow().isActive()).isFalse();
        clock.advance(TRUST);
        assertThat(cached.find(first.id()).orElseThrow().isActive()).isFalse();
    }

    @Test
    void whileCopiesAreDistrustedEveryFindReadsTheStoreAndNothingHeldBeforeSurvivesTrustingAgain() {
        Session session = started();
        cached.find(session.id());

        cached.distrustCopies();
        cached.find(session.id());
        cached.find(session.id());
        assertThat(durable.finds.get()).as("nothing held while distrusted").isEqualTo(3);

        durable.markEnding(session.id(), EndReason.ADMIN, CLAIM); // unheard: the notices had stopped
        cached.trustCopiesAgain();
        assertThat(cached.find(session.id()).orElseThrow().isActive()).isFalse();
    }

    @Test
    void aCopyHeldSinceBeforeTrustingAgainIsNotServedAfter() {
        Session session = started();
        cached.find(session.id());
        durable.markEnding(session.id(), EndReason.ADMIN, CLAIM);

        cached.trustCopiesAgain();

        assertThat(cached.find(session.id()).orElseThrow().isActive()).isFalse();
    }

    /** Another process saw the session since this one held it: the held last-seen time is old, the session is not. */
    @Test
    void aHeldCopyThatLooksExpiredIsReadAgainBeforeTheSessionIsTakenForExpired() {
        CachedSessionStore trustingLong = new CachedSessionStore(durable, clock, Duration.ofDays(1));
        Session session = SampleData.session("alice", clock.instant());
        trustingLong.insert(session);
        trustingLong.find(session.id());
        Duration idle = session.timeouts().idle();
        clock.advance(idle.minusSeconds(1));
        durable.touch(session.id(), clock.instant()); // another process
        clock.advance(Duration.ofSeconds(2));

        Session found = trustingLong.find(session.id()).orElseThrow();

        assertThat(found.expiryAt(clock.instant())).isEmpty();
        assertThat(durable.finds.get()).isEqualTo(2);
    }

    @Test
    void aReadThatLoadedTheSessionBeforeAnEndingCannotPutItBackAfter() throws Exception {
        Session session = started();
        CountDownLatch loaded = new CountDownLatch(1);
        CountDownLatch ended = new CountDownLatch(1);
        durable.pauseAfterLoading = () -> {
            loaded.countDown();
            await(ended);
        };
        CompletableFuture<Optional<Session>> slowRead = CompletableFuture.supplyAsync(() -> cached.find(session.id()));
        await(loaded);
        durable.pauseAfterLoading = () -> { };

        cached.markEnding(session.id(), EndReason.LOGOUT, CLAIM);
        ended.countDown();

        assertThat(slowRead.get(5, TimeUnit.SECONDS)).as("what the read saw before the ending").contains(session);
        assertThat(cached.find(session.id()).orElseThrow().isActive()).as("the next read").isFalse();
    }

    private Session started() {
        Session session = SampleData.session("alice", clock.instant());
        cached.insert(session);
        return session;
    }

    private static void await(CountDownLatch latch) {
        try {
            assertThat(latch.await(5, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** The in-memory store, counting reads, and able to hold a read between loading and returning. */
    private static final class CountingStore implements SessionStore {
        private final InMemorySessionStore sessions = new InMemorySessionStore();
        final AtomicInteger finds = new AtomicInteger();
        volatile Runnable pauseAfterLoading = () -> { };

        @Override
        public void insert(Session session) {
            sessions.insert(session);
        }

        @Override
        public Optional<Session> find(SessionId id) {
            finds.incrementAndGet();
            Optional<Session> found = sessions.find(id);
            pauseAfterLoading.run();
            return found;
        }

        @Override
        public void touch(SessionId id, Instant seenAt) {
            sessions.touch(id, seenAt);
        }

        @Override
        public Optional<Session> markEnding(SessionId id, EndReason reason, Instant claimedUntil) {
            return sessions.markEnding(id, reason, claimedUntil);
        }

        @Override
        public boolean delete(SessionId id) {
            return sessions.delete(id);
        }

        @Override
        public List<Session> listActive() {
            return sessions.listActive();
        }

        @Override
        public List<Session> listActiveOf(Username username) {
            return sessions.listActiveOf(username);
        }

        @Override
        public List<Session> claimUnfinishedEndings(Instant now, Instant claimedUntil) {
            return sessions.claimUnfinishedEndings(now, claimedUntil);
        }

        @Override
        public List<Session> listExpired(Instant now) {
            return sessions.listExpired(now);
        }
    }
}
