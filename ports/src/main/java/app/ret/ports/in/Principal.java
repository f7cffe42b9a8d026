package app.ret.ports.in;

import app.ret.domain.session.SessionId;
import app.ret.domain.user.Role;
import app.ret.domain.user.Username;

/** The caller behind a valid access token of an active session. */
public record Principal(SessionId sessionId, Username username, Role role) {
    public boolean isAdmin() {
        return role == Role.ADMIN;
    }
}
