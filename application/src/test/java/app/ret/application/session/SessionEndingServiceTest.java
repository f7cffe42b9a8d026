package app.ret.application.session;

import static org.assertj.core.api.Assertions.assertThat;

import app.ret.adapters.memory.InMemoryRefreshTokenStore;
import app.ret.adapters.memory.InMemorySessionStore;
import app.ret.domain.cleanup.CleanupReport;
import app.ret.domain.cleanup.RemovedResource;
import app.ret.domain.session.EndReason;
import app.ret.domain.session.Session;
import app.ret.domain.session.SessionId;
import app.ret.domain.session.SessionStatus;
import app.ret.domain.token.RefreshToken;
import app.ret.domain.token.RefreshTokenStatus;
import app.ret.ports.in.SessionEnded;
import app.ret.ports.testing.MutableClock;
import app.ret.ports.testing.SampleData;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/** The one cleanup path, on the in-memory stores, with cleaners that count, fail on demand and sweep orphans. */
class SessionEndingServiceTest {
    private static final Duration CLAIM = Duration.ofMinutes(2);

    private final MutableClock clock = MutableClock.atSomeFixedTime();
    private final InMemorySessionStore sessions = new InMemorySessionStore();
    private final InMemoryRefreshTokenStore refreshTokens = new InMemoryRefreshTokenStore();
    private final AtomicBoolean filesFail = new AtomicBoolean();
    private final List<SessionId> purged = new ArrayList<>();
    private final List<Predicate<SessionId>> sweepsAsked = new ArrayList<>();
    private final SessionEndingService endings = new SessionEndingService(clock, sessions, refreshTokens,
            List.of(new SessionEndingService.Cleanup("cache", id -> CleanupReport.of(RemovedResource.CACHE_ENTRIES, 3)),
                    new SessionEndingService.Cleanup("files", this::purgeFiles)),
            List.of(new SessionEndingService.OrphanSweep("files", this::sweepOrphans),
                    new SessionEndingService.OrphanSweep("broken", exists -> {
                        throw new IllegalStateException("disk gone");
                    })),
            CLAIM);

    private CleanupReport purgeFiles(SessionId id) {
        if (filesFail.get()) {
            throw new IllegalStateException("disk busy");
        }
        purged.add(id);
        return CleanupReport.of(RemovedResource.FILES, 2).with(RemovedResource.BYTES, 40);
    }

    private CleanupReport sweepOrphans(Predicate<SessionId> exists) {
        sweepsAsked.add(exists);
        return CleanupReport.of(RemovedResource.FILES, 1);
    }

    private Session started() {
        Session session = SampleData.session("alice", clock.instant());
        sessions.insert(session);
        refreshTokens.insert(new RefreshToken("hash-" + session.id(), session.id(), clock.instant(), clock.instant().plusSeconds(600),
                RefreshTokenStatus.ACTIVE, Optional.empty()));
        return session;
    }

    @Test
    void anEndingRevokesTokensRunsEveryCleanerAndRemovesTheSession() {
        Session session = started();

        Optional<SessionEnded> ended = endings.end(session.id(), EndReason.LOGOUT);

        assertThat(ended).contains(new SessionEnded(session.id(),
                CleanupReport.of(RemovedResource.CACHE_ENTRIES, 3).with(RemovedResource.FILES, 2).with(RemovedResource.BYTES, 40), 1));
        assertThat(sessions.find(session.id())).isEmpty();
        assertThat(refreshTokens.find("hash-" + session.id())).as("revoked").isEmpty();
        assertThat(endings.end(session.id(), EndReason.LOGOUT)).as("only once").isEmpty();
    }

    @Test
    void aFailingCleanerLeavesTheSessionEndingUntilASweepAfterTheClaimFinishesIt() {
        Session session = started();
        filesFail.set(true);

        assertThat(endings.end(session.id(), EndReason.ADMIN)).map(SessionEnded::removed)
                .contains(CleanupReport.of(RemovedResource.CACHE_ENTRIES, 3));
        assertThat(sessions.find(session.id())).map(Session::status).contains(SessionStatus.ENDING);

        filesFail.set(false);
        clock.advance(CLAIM.minusSeconds(1));
        assertThat(endings.finishInterruptedEndings()).as("the claim still holds").isZero();
        clock.advance(Duration.ofSeconds(1));
        assertThat(endings.finishInterruptedEndings()).isEqualTo(1);

        assertThat(purged).containsExactly(session.id());
        assertThat(sessions.find(session.id())).isEmpty();
    }

    @Test
    void aSweepAsksEveryOrphanSweepWithWhatStillExistsAndSurvivesOneThatFails() {
        Session alive = started();

        assertThat(endings.finishInterruptedEndings()).isZero();

        assertThat(sweepsAsked).hasSize(1);
        assertThat(sweepsAsked.get(0).test(alive.id())).isTrue();
        assertThat(sweepsAsked.get(0).test(SampleData.newSessionId())).isFalse();
    }

    @Test
    void expiredSessionsAreEndedWithTheirExpiryAsReason() {
        Session idle = started();
        clock.advance(SampleData.TIMEOUTS.idle().minusSeconds(1));
        Session fresh = started();
        assertThat(endings.endExpiredSessions()).isZero();

        clock.advance(Duration.ofSeconds(1));

        assertThat(endings.endExpiredSessions()).isEqualTo(1);
        assertThat(sessions.find(idle.id())).isEmpty();
        assertThat(sessions.find(fresh.id())).isPresent();
    }
}
