package app.ret.ports.out;

import app.ret.domain.session.EndReason;
import app.ret.domain.session.Session;
import app.ret.domain.session.SessionId;
import app.ret.domain.user.Username;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

public interface SessionStore {
    void insert(Session session);

    Optional<Session> find(SessionId id);

    /** Moves last-seen forward (never back) for an active session. */
    void touch(SessionId id, Instant seenAt);

    /**
     * ACTIVE → ENDING with the reason, the session's cleanup claimed by the caller until
     * {@code claimedUntil}; empty when the session is unknown or already ending.
     */
    Optional<Session> markEnding(SessionId id, EndReason reason, Instant claimedUntil);

    /** Removes the session record; true when there was one. */
    boolean delete(SessionId id);

    /** Active sessions, oldest first. */
    List<Session> listActive();

    /** The user's active sessions, oldest first (the first to end when a login would exceed the sessions allowed per user). */
    List<Session> listActiveOf(Username username);

    /**
     * Ended sessions whose cleanup nobody holds at {@code now} (its claim ran out: the process
     * holding it died), oldest first, each claimed for the caller until {@code claimedUntil} in the
     * same step: processes sweeping one store together each get different sessions.
     */
    List<Session> claimUnfinishedEndings(Instant now, Instant claimedUntil);

    /** Active sessions whose idle or absolute timeout has passed at {@code now}. */
    List<Session> listExpired(Instant now);

    /**
     * Runs {@code work} so that what it writes through this store, and through the other stores
     * kept in the same database, is committed once, together, or not at all (a write that failed
     * inside makes the whole work fail). A store whose writes cannot share a transaction with the
     * others' runs the work as it comes, each write committed on its own.
     */
    default <T> T inOneTransaction(Supplier<T> work) {
        return work.get();
    }

    /*
     * Copies a process holds: a store that keeps sessions in memory for speed learns here what other
     * processes sharing the durable store did (their notices). A store that reads the durable store
     * on every find holds no copies and has nothing to do.
     */

    /** Another process ended the session: a copy held of it goes, so the next find reads the store. */
    default void endedElsewhere(SessionId id) {
    }

    /** Endings elsewhere may go unheard from now on (the notices stopped): hold no copy until {@link #trustCopiesAgain}. */
    default void distrustCopies() {
    }

    /** Hearing of endings elsewhere again; what ended while nothing was heard is unknown, so held copies start over. */
    default void trustCopiesAgain() {
    }
}
