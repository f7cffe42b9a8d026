package app.ret.ports.in;

import app.ret.domain.session.EndReason;
import app.ret.domain.session.SessionId;
import java.util.Optional;

/** Logout, admin ending, expiry: one path that revokes tokens and runs every resource cleaner. */
public interface EndSessionUseCase {
    /** Empty when the session is unknown or already ended. */
    Optional<SessionEnded> end(SessionId sessionId, EndReason reason);
}
