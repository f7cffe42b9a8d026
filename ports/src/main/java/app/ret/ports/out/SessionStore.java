package app.ret.ports.out;

import app.ret.domain.session.EndReason;
import app.ret.domain.session.Session;
import app.ret.domain.session.SessionId;
import app.ret.domain.user.Username;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

public interface SessionStore {
    void insert(Session session);

    Optional<Session> find(SessionId id);

    /** Moves last-seen forward (never back) for an active session. */
    void touch(SessionId id, Instant seenAt);

    /** ACTIVE → ENDING with the reason; empty when the session is unknown or already ending. */
    Optional<Session> markEnding(SessionId id, EndReason reason);

    /** Removes the session record; true when there was one. */
    boolean delete(SessionId id);

    /** Active sessions, oldest first. */
    List<Session> listActive();

    List<Session> listActiveOf(Username username);

    /** Sessions that were ended but whose cleanup has not finished. */
    List<Session> listEnding();

    /** Active sessions whose idle or absolute timeout has passed at {@code now}. */
    List<Session> listExpired(Instant now);
}
