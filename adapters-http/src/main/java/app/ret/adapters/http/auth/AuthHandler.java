package app.ret.adapters.http.auth;

import app.ret.adapters.http.pipeline.Access;
import app.ret.adapters.http.pipeline.ApiExchange;
import app.ret.adapters.http.pipeline.ApiRateLimiter;
import app.ret.adapters.http.pipeline.Problem;
import app.ret.adapters.http.pipeline.ProblemException;
import app.ret.adapters.http.pipeline.Rfc3339;
import app.ret.adapters.http.pipeline.Route;
import app.ret.adapters.http.pipeline.RouteProvider;
import app.ret.domain.session.EndReason;
import app.ret.domain.session.Session;
import app.ret.ports.in.EndSessionUseCase;
import app.ret.ports.in.LoginUseCase;
import app.ret.ports.in.LoginUseCase.LoginCommand;
import app.ret.ports.in.LoginUseCase.LoginResult;
import app.ret.ports.in.Principal;
import app.ret.ports.in.RefreshUseCase;
import app.ret.ports.in.RefreshUseCase.RefreshResult;
import app.ret.ports.in.SessionEnded;
import app.ret.ports.in.SessionQueryUseCase;
import app.ret.ports.in.TokenGrant;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.io.IOException;
import java.util.List;

/** Login, refresh, logout and the caller's own session, as API.md describes them. */
public final class AuthHandler implements RouteProvider {
    static final String REFRESH_COOKIE = "refresh_token";
    /** OWASP's device cookie: sent with logins only. */
    static final String DEVICE_COOKIE = "ret_device";
    private static final String COOKIE_PATH = "/api/auth";
    private static final String DEVICE_COOKIE_PATH = "/api/auth/login";
    private static final int MAX_PASSWORD_CHARS = 1024;

    private final LoginUseCase login;
    private final RefreshUseCase refresh;
    private final EndSessionUseCase endSession;
    private final SessionQueryUseCase sessions;
    private final boolean secureCookies;

    public AuthHandler(LoginUseCase login, RefreshUseCase refresh, EndSessionUseCase endSession,
                       SessionQueryUseCase sessions, boolean secureCookies) {
        this.login = login;
        this.refresh = refresh;
        this.endSession = endSession;
        this.sessions = sessions;
        this.secureCookies = secureCookies;
    }

    @Override
    public List<Route> routes() {
        return List.of(
                Route.of("POST", "/api/auth/login", Access.PUBLIC, this::login),
                Route.of("POST", "/api/auth/refresh", Access.PUBLIC, this::refresh),
                Route.of("POST", "/api/auth/logout", Access.AUTHENTICATED, this::logout),
                Route.of("GET", "/api/auth/me", Access.AUTHENTICATED, this::me));
    }

    public record LoginRequest(String username, String password) {}

    record UserBody(String username, String role) {}

    /** {@code endedSessions} only in a login's answer: the user's oldest sessions it ended to stay within the sessions allowed per user. */
    record GrantBody(String accessToken, String tokenType, long expiresIn, String sessionId, UserBody user,
                     @JsonInclude(JsonInclude.Include.NON_NULL) List<SessionEndedBody> endedSessions) {}

    record MeBody(String username, String role, String sessionId, String createdAt, String lastSeenAt,
                  String idleExpiresAt, String absoluteExpiresAt) {}

    private void login(ApiExchange exchange) throws IOException {
        LoginRequest request = exchange.readJson(LoginRequest.class);
        if (request.username() == null || request.password() == null) {
            throw new ProblemException(Problem.validation("Both username and password are required strings."));
        }
        if (request.password().length() > MAX_PASSWORD_CHARS) {
            throw new ProblemException(Problem.validation("The password is longer than " + MAX_PASSWORD_CHARS + " characters."));
        }
        LoginResult result = login.login(new LoginCommand(request.username(), request.password().toCharArray(),
                exchange.clientAddress(), exchange.cookie(DEVICE_COOKIE)));
        if (result instanceof LoginResult.LoggedIn loggedIn) {
            exchange.addHeader("Set-Cookie", cookie(DEVICE_COOKIE, loggedIn.deviceCookie().value(), DEVICE_COOKIE_PATH,
                    loggedIn.deviceCookie().lifetime().toSeconds()));
            respondWithGrant(exchange, loggedIn.grant(), loggedIn.endedSessions().stream().map(SessionEndedBody::from).toList());
        } else if (result instanceof LoginResult.Throttled throttled) {
            throw ApiRateLimiter.tooManyRequests(exchange, throttled.retryAfter().toSeconds());
        } else {
            throw new ProblemException(Problem.unauthorized());
        }
    }

    private void refresh(ApiExchange exchange) throws IOException {
        String token = exchange.cookie(REFRESH_COOKIE).orElse("");
        RefreshResult result = refresh.refresh(token);
        if (result instanceof RefreshResult.Refreshed refreshed) {
            respondWithGrant(exchange, refreshed.grant(), null);
        } else if (result instanceof RefreshResult.Superseded) {
            // The cookie jar already holds the successor a concurrent refresh set: clearing it would log the client out.
            throw new ProblemException(Problem.unauthorized("This refresh token was replaced by a concurrent refresh a moment ago;"
                    + " the cookie that refresh set is the current one. The session goes on."));
        } else {
            exchange.addHeader("Set-Cookie", clearedCookie());
            throw new ProblemException(Problem.unauthorized());
        }
    }

    private void logout(ApiExchange exchange) throws IOException {
        Principal principal = exchange.principal();
        SessionEnded ended = endSession.end(principal.sessionId(), EndReason.LOGOUT)
                .orElseThrow(() -> new ProblemException(Problem.unauthorized()));
        exchange.addHeader("Set-Cookie", clearedCookie());
        exchange.respondJson(200, SessionEndedBody.from(ended));
    }

    private void me(ApiExchange exchange) throws IOException {
        Session session = sessions.activeSession(exchange.principal().sessionId())
                .orElseThrow(() -> new ProblemException(Problem.unauthorized()));
        exchange.respondJson(200, new MeBody(session.username().value(), session.role().wireName(), session.id().value(),
                Rfc3339.format(session.createdAt()), Rfc3339.format(session.lastSeenAt()),
                Rfc3339.format(session.idleExpiresAt()), Rfc3339.format(session.absoluteExpiresAt())));
    }

    private void respondWithGrant(ApiExchange exchange, TokenGrant grant, List<SessionEndedBody> endedSessions) throws IOException {
        exchange.addHeader("Set-Cookie", cookie(REFRESH_COOKIE, grant.refreshToken(), COOKIE_PATH, grant.refreshTokenLifetime().toSeconds()));
        Session session = grant.session();
        exchange.respondJson(200, new GrantBody(grant.accessToken(), "bearer", grant.accessTokenLifetime().toSeconds(),
                session.id().value(), new UserBody(session.username().value(), session.role().wireName()), endedSessions));
    }

    private String cookie(String name, String value, String path, long maxAgeSeconds) {
        return name + "=" + value + "; HttpOnly; SameSite=Strict; Path=" + path
                + "; Max-Age=" + maxAgeSeconds + (secureCookies ? "; Secure" : "");
    }

    private String clearedCookie() {
        return cookie(REFRESH_COOKIE, "", COOKIE_PATH, 0);
    }
}
