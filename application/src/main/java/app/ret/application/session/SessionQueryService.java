package app.ret.application.session;

import app.ret.domain.session.Session;
import app.ret.domain.session.SessionId;
import app.ret.ports.in.SessionQueryUseCase;
import app.ret.ports.out.SessionStore;
import app.ret.ports.out.Workspace;
import java.util.List;
import java.util.Optional;

public final class SessionQueryService implements SessionQueryUseCase {
    private final SessionStore sessions;
    private final Workspace workspace;

    public SessionQueryService(SessionStore sessions, Workspace workspace) {
        this.sessions = sessions;
        this.workspace = workspace;
    }

    @Override
    public Optional<Session> activeSession(SessionId sessionId) {
        return sessions.find(sessionId).filter(Session::isActive);
    }

    @Override
    public List<SessionOverview> activeSessions() {
        return sessions.listActive().stream()
                .map(session -> new SessionOverview(session, workspace.usage(session.id())))
                .toList();
    }
}
