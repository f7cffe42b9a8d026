package app.ret.ports.in;

import app.ret.domain.session.Session;
import app.ret.domain.session.SessionId;
import app.ret.ports.out.WorkspaceUsage;
import java.util.List;
import java.util.Optional;

public interface SessionQueryUseCase {
    Optional<Session> activeSession(SessionId sessionId);

    List<SessionOverview> activeSessions();

    record SessionOverview(Session session, WorkspaceUsage usage) {}
}
