package app.ret.adapters.http.auth;

import app.ret.adapters.http.pipeline.Access;
import app.ret.adapters.http.pipeline.ApiExchange;
import app.ret.adapters.http.pipeline.Problem;
import app.ret.adapters.http.pipeline.ProblemException;
import app.ret.adapters.http.pipeline.Rfc3339;
import app.ret.adapters.http.pipeline.Route;
import app.ret.adapters.http.pipeline.RouteProvider;
import app.ret.domain.session.EndReason;
import app.ret.domain.session.SessionId;
import app.ret.ports.in.EndSessionUseCase;
import app.ret.ports.in.SessionEnded;
import app.ret.ports.in.SessionQueryUseCase;
import java.io.IOException;
import java.util.List;

/** Role admin: see every active session, end any of them. */
public final class AdminSessionsHandler implements RouteProvider {
    private final SessionQueryUseCase sessions;
    private final EndSessionUseCase endSession;

    public AdminSessionsHandler(SessionQueryUseCase sessions, EndSessionUseCase endSession) {
        this.sessions = sessions;
        this.endSession = endSession;
    }

    @Override
    public List<Route> routes() {
        return List.of(
                Route.of("GET", "/api/admin/sessions", Access.ADMIN, this::list),
                Route.of("DELETE", "/api/admin/sessions/{id}", Access.ADMIN, this::end));
    }

    record SessionRow(String sessionId, String username, String createdAt, String lastSeenAt, long files, long bytes) {}

    record SessionList(List<SessionRow> sessions) {}

    private void list(ApiExchange exchange) throws IOException {
        List<SessionRow> rows = sessions.activeSessions().stream()
                .map(overview -> new SessionRow(overview.session().id().value(), overview.session().username().value(),
                        Rfc3339.format(overview.session().createdAt()), Rfc3339.format(overview.session().lastSeenAt()),
                        overview.usage().files(), overview.usage().bytes()))
                .toList();
        exchange.respondJson(200, new SessionList(rows));
    }

    private void end(ApiExchange exchange) throws IOException {
        String id = exchange.pathParameter("id");
        if (!SessionId.isValid(id)) {
            throw new ProblemException(Problem.notFound());
        }
        SessionEnded ended = endSession.end(new SessionId(id), EndReason.ADMIN)
                .orElseThrow(() -> new ProblemException(Problem.notFound()));
        exchange.respondJson(200, SessionEndedBody.from(ended));
    }
}
