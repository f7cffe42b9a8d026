package app.ret.application.session;

import app.ret.domain.cleanup.CleanupReport;
import app.ret.domain.session.EndReason;
import app.ret.domain.session.Session;
import app.ret.domain.session.SessionId;
import app.ret.ports.in.EndSessionUseCase;
import app.ret.ports.in.SessionEnded;
import app.ret.ports.in.SessionMaintenanceUseCase;
import app.ret.ports.out.RefreshTokenStore;
import app.ret.ports.out.SessionResourceCleaner;
import app.ret.ports.out.SessionStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The one cleanup path. Ending first marks the session ENDING (durably, so its tokens stop
 * working at once: a refresh token of a session that is not active is refused), then runs every
 * resource cleaner, and last revokes the refresh tokens and, only when every cleaner succeeded,
 * deletes the session record — those two in one transaction where the stores share a database,
 * so the ending costs one commit (one flush) fewer. A crash or a failing cleaner leaves the
 * session ENDING, and {@link #finishInterruptedEndings()} completes it later (and sweeps what
 * resources still hold for sessions that are gone).
 *
 * <p>Whoever marks an ending holds its cleanup for {@code cleanupClaim}; the sweep takes over only
 * endings whose holder let the claim run out (it crashed, or its cleaner failed), each claimed in
 * the store, so processes sweeping one shared store run each session's cleanup once.
 */
public final class SessionEndingService implements EndSessionUseCase, SessionMaintenanceUseCase {
    private static final System.Logger LOG = System.getLogger(SessionEndingService.class.getName());

    private final Clock clock;
    private final SessionStore sessions;
    private final RefreshTokenStore refreshTokens;
    private final List<Cleanup> cleanups;
    private final List<OrphanSweep> orphanSweeps;
    private final Duration cleanupClaim;

    public SessionEndingService(Clock clock, SessionStore sessions, RefreshTokenStore refreshTokens, List<Cleanup> cleanups,
                                List<OrphanSweep> orphanSweeps, Duration cleanupClaim) {
        this.clock = clock;
        this.sessions = sessions;
        this.refreshTokens = refreshTokens;
        this.cleanups = List.copyOf(cleanups);
        this.orphanSweeps = List.copyOf(orphanSweeps);
        this.cleanupClaim = cleanupClaim;
    }

    /**
     * One resource's part of an ending: a driven adapter's {@link SessionResourceCleaner}, or a
     * resource the core owns itself (the tiered cache), which is not a driven port and so does not
     * implement one.
     */
    public record Cleanup(String resourceName, Function<SessionId, CleanupReport> purge) {
        public static Cleanup of(SessionResourceCleaner cleaner) {
            return new Cleanup(cleaner.resourceName(), cleaner::purge);
        }
    }

    /**
     * Removes what a resource still holds for sessions that no longer exist: left by a crash, or
     * written by work that finished after its session's ending had run.
     */
    public record OrphanSweep(String resourceName, Function<Predicate<SessionId>, CleanupReport> purgeOrphans) {}

    @Override
    public Optional<SessionEnded> end(SessionId sessionId, EndReason reason) {
        return sessions.markEnding(sessionId, reason, clock.instant().plus(cleanupClaim)).map(this::finish);
    }

    @Override
    public int endExpiredSessions() {
        Instant now = clock.instant();
        int ended = 0;
        for (Session session : sessions.listExpired(now)) {
            Optional<EndReason> reason = session.expiryAt(now);
            if (reason.isPresent() && end(session.id(), reason.get()).isPresent()) {
                ended++;
            }
        }
        return ended;
    }

    /**
     * Endings are claimed together and finished one after another; none is started once half the
     * claim is gone, so none can still be running when the claim runs out and another process takes
     * it over (a slow batch under load would otherwise be cleaned up twice). What is left is taken
     * over, by this process or another, when its claim has run out.
     */
    @Override
    public int finishInterruptedEndings() {
        Instant now = clock.instant();
        List<Session> ending = sessions.claimUnfinishedEndings(now, now.plus(cleanupClaim));
        Instant startNoneAfter = now.plus(cleanupClaim.dividedBy(2));
        int finished = 0;
        for (Session session : ending) {
            if (clock.instant().isAfter(startNoneAfter)) {
                break;
            }
            finish(session);
            finished++;
        }
        Predicate<SessionId> exists = id -> sessions.find(id).isPresent();
        for (OrphanSweep sweep : orphanSweeps) {
            try {
                CleanupReport removed = sweep.purgeOrphans().apply(exists);
                if (!removed.equals(CleanupReport.empty())) {
                    LOG.log(System.Logger.Level.INFO, "removed {0} of the {1} that ended sessions left", removed, sweep.resourceName());
                }
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.ERROR, "sweeping the " + sweep.resourceName() + " of ended sessions failed; the next sweep tries again", e);
            }
        }
        return finished;
    }

    private SessionEnded finish(Session session) {
        CleanupReport removed = CleanupReport.empty();
        boolean complete = true;
        for (Cleanup cleanup : cleanups) {
            try {
                removed = removed.plus(cleanup.purge().apply(session.id()));
            } catch (RuntimeException e) {
                complete = false;
                LOG.log(System.Logger.Level.ERROR, "cleanup of " + cleanup.resourceName() + " for session "
                        + session.id() + " failed; it is retried by the next sweep", e);
            }
        }
        boolean cleanedUp = complete;
        int revoked = sessions.inOneTransaction(() -> {
            int tokens = refreshTokens.revokeAll(session.id());
            if (cleanedUp) {
                sessions.delete(session.id());
            }
            return tokens;
        });
        LOG.log(System.Logger.Level.INFO, "session {0} ended ({1}): removed {2}, {3} refresh tokens revoked",
                session.id(), session.endReason().map(EndReason::wireName).orElse("?"), removed, revoked);
        return new SessionEnded(session.id(), removed, revoked);
    }
}
