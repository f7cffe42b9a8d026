package app.ret.application.auth;

import app.ret.application.CoreDependencies;
import app.ret.application.session.SessionEndingService;
import app.ret.domain.session.EndReason;
import app.ret.domain.session.Session;
import app.ret.domain.session.SessionId;
import app.ret.domain.token.AccessClaims;
import app.ret.domain.token.DeviceCookie;
import app.ret.domain.token.RefreshToken;
import app.ret.domain.token.RefreshTokenStatus;
import app.ret.domain.user.PasswordHash;
import app.ret.domain.user.User;
import app.ret.domain.user.Username;
import app.ret.ports.in.AuthenticateUseCase;
import app.ret.ports.in.LoginUseCase;
import app.ret.ports.in.SessionEnded;
import app.ret.ports.in.Principal;
import app.ret.ports.in.RefreshUseCase;
import app.ret.ports.in.TokenGrant;
import app.ret.ports.out.AccessTokenCodec;
import app.ret.ports.out.DeviceCookieCodec;
import app.ret.ports.out.PasswordHasher;
import app.ret.ports.out.RefreshTokenStore;
import app.ret.ports.out.SessionStore;
import app.ret.ports.out.UserStore;
import app.ret.ports.out.Workspace;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

public final class AuthService implements LoginUseCase, RefreshUseCase, AuthenticateUseCase {
    private static final System.Logger LOG = System.getLogger(AuthService.class.getName());
    private static final int TOKEN_ID_BYTES = 16;
    private static final int REFRESH_TOKEN_BYTES = 32;
    private static final int DEVICE_NONCE_BYTES = 16;

    private final Clock clock;
    private final AuthSettings settings;
    private final UserStore users;
    private final SessionStore sessions;
    private final RefreshTokenStore refreshTokens;
    private final AccessTokenCodec tokenCodec;
    private final DeviceCookieCodec deviceCookies;
    private final VerifiedTokens verifiedTokens;
    private final PasswordHasher passwordHasher;
    private final Workspace workspace;
    private final SecretGenerator secrets;
    private final SessionEndingService endings;
    private final LoginThrottle throttle;
    private volatile PasswordHash decoyHash;

    public AuthService(CoreDependencies deps, SecretGenerator secrets, SessionEndingService endings) {
        this.clock = deps.clock();
        this.settings = deps.authSettings();
        this.users = deps.users();
        this.sessions = deps.sessions();
        this.refreshTokens = deps.refreshTokens();
        this.tokenCodec = deps.tokenCodec();
        this.deviceCookies = deps.deviceCookies();
        this.verifiedTokens = new VerifiedTokens(tokenCodec);
        this.passwordHasher = deps.passwordHasher();
        this.workspace = deps.workspace();
        this.secrets = secrets;
        this.endings = endings;
        this.throttle = new LoginThrottle(clock, deps.loginFailureCounters(), deps.rateLimits());
    }

    @Override
    public LoginResult login(LoginCommand command) {
        return throttle.guard(command.clientAddress(), command.username(), trustedDevice(command),
                () -> checkPasswordAndStartSession(command));
    }

    /** The presented device cookie, when it is genuine and vouches for the name tried now. */
    private Optional<DeviceCookie> trustedDevice(LoginCommand command) {
        if (!Username.isValid(command.username())) {
            return Optional.empty();
        }
        Username name = new Username(command.username());
        Instant now = clock.instant();
        return command.deviceCookie().flatMap(deviceCookies::decode).filter(cookie -> cookie.vouchesFor(name, now));
    }

    public long throttledLogins() {
        return throttle.throttled();
    }

    private LoginResult checkPasswordAndStartSession(LoginCommand command) {
        Optional<User> candidate = Username.isValid(command.username())
                ? users.find(new Username(command.username())).filter(user -> !user.disabled())
                : Optional.empty();
        if (candidate.isEmpty()) {
            // Same work as a wrong password, so response timing does not reveal which names exist.
            passwordHasher.verify(command.password(), decoyHash());
            return new LoginResult.Rejected();
        }
        User user = candidate.get();
        if (!passwordHasher.verify(command.password(), user.passwordHash())) {
            return new LoginResult.Rejected();
        }
        upgradeHashIfWeak(user, command.password());
        Instant now = clock.instant();
        Session session = Session.start(SessionId.fromRandomBytes(secrets.bytes(SessionId.RANDOM_BYTES)),
                user.username(), user.role(), now, settings.sessionTimeouts());
        sessions.insert(session);
        TokenGrant grant;
        try {
            workspace.create(session.id());
            Optional<EndReason> withdrawn = withdrawnMeanwhile(user.username());
            if (withdrawn.isPresent()) {
                endings.end(session.id(), withdrawn.get());
                return new LoginResult.Rejected();
            }
            grant = issueGrant(session, now, Optional.empty()).orElseThrow();
        } catch (RuntimeException e) {
            abandon(session.id(), e);
            throw e;
        }
        LOG.log(System.Logger.Level.INFO, "session {0} started for {1}", session.id(), user.username());
        DeviceCookie device = new DeviceCookie(user.username(), secrets.hex(DEVICE_NONCE_BYTES), now);
        return new LoginResult.LoggedIn(grant, new LoginUseCase.DeviceCookieGrant(deviceCookies.encode(device), DeviceCookie.LIFETIME),
                endSessionsBeyondTheLimit(session));
    }

    /**
     * A login that failed after its session was stored leaves nothing behind: the session ends with
     * the usual cleanup. If even that fails (the disk still full), the sweeper ends it at its idle
     * timeout; nobody holds its tokens meanwhile.
     */
    private void abandon(SessionId sessionId, RuntimeException cause) {
        try {
            endings.end(sessionId, EndReason.INCOMPLETE_LOGIN);
        } catch (RuntimeException e) {
            cause.addSuppressed(e);
        }
    }

    /**
     * A user disabled or deleted while their login was checking the password: the administrator's
     * ending of their sessions may have run before this one was stored, so it ends here.
     */
    private Optional<EndReason> withdrawnMeanwhile(Username username) {
        Optional<User> now = users.find(username);
        if (now.isEmpty()) {
            return Optional.of(EndReason.USER_DELETED);
        }
        return now.get().disabled() ? Optional.of(EndReason.USER_DISABLED) : Optional.empty();
    }

    /**
     * Ends the user's oldest sessions beyond {@code MAX_SESSIONS_PER_USER}, the new one counted.
     * Every login, racing or not, ends a prefix of one order (start time, then id), so together they
     * leave exactly the newest sessions of that order. Logins in one instant are ordered by their
     * random ids: one of them may end its own session, which then reports it among the ended ones.
     */
    private List<SessionEnded> endSessionsBeyondTheLimit(Session started) {
        List<Session> active = sessions.listActiveOf(started.username());
        if (active.stream().noneMatch(session -> session.id().equals(started.id()))) {
            removeWhatARacingEndingMissed(started.id());
        }
        int excess = active.size() - settings.maxSessionsPerUser();
        List<SessionEnded> ended = new ArrayList<>();
        for (Session oldest : active.subList(0, Math.max(0, excess))) {
            endings.end(oldest.id(), EndReason.SESSION_LIMIT).ifPresent(ended::add);
        }
        if (!ended.isEmpty()) {
            LOG.log(System.Logger.Level.INFO, "{0} has more than {1} sessions: ended the oldest {2}", started.username(),
                    settings.maxSessionsPerUser(), ended.size());
        }
        return ended;
    }

    /**
     * A racing login of the same user ended this session while it was still starting; that
     * ending's cleanup may have run before the workspace and the refresh token existed, so they go
     * here. (A session still active when it was listed is ended, if at all, by an ending that finds
     * both.) Read through the store's list, not {@code find}: a find would hold the session in
     * memory before its first request.
     */
    private void removeWhatARacingEndingMissed(SessionId sessionId) {
        workspace.purge(sessionId);
        refreshTokens.revokeAll(sessionId);
    }

    @Override
    public RefreshResult refresh(String presentedToken) {
        if (presentedToken == null || presentedToken.isBlank()) {
            return new RefreshResult.Rejected(false);
        }
        String presentedHash = SecretGenerator.sha256Hex(presentedToken);
        Optional<RefreshToken> stored = refreshTokens.find(presentedHash);
        if (stored.isEmpty()) {
            return new RefreshResult.Rejected(false);
        }
        RefreshToken token = stored.get();
        Instant now = clock.instant();
        if (token.status() == RefreshTokenStatus.ROTATED) {
            return reuseOf(token, now);
        }
        Optional<Session> session = sessions.find(token.sessionId())
                .filter(Session::isActive)
                .filter(active -> active.expiryAt(now).isEmpty());
        if (token.expiredAt(now) || session.isEmpty()) {
            return new RefreshResult.Rejected(false);
        }
        Session seen = session.get().seenAt(now);
        sessions.touch(seen.id(), now);
        return issueGrant(seen, now, Optional.of(presentedHash))
                .<RefreshResult>map(RefreshResult.Refreshed::new)
                .orElseGet(() -> refreshTokens.find(presentedHash)
                        .map(rotatedMeanwhile -> reuseOf(rotatedMeanwhile, now))
                        .orElseGet(() -> new RefreshResult.Rejected(false)));
    }

    /**
     * A rotated token presented again: within the grace after its rotation it is another tab's or a
     * retried request's copy (refused, the session lives on); after it, a replay of a stolen token
     * (the session ends).
     */
    private RefreshResult reuseOf(RefreshToken rotated, Instant now) {
        if (rotated.rotatedWithin(settings.refreshReuseGrace(), now)) {
            LOG.log(System.Logger.Level.INFO, "refresh token of session {0} presented again {1} ms after its rotation; refused,"
                    + " session kept", rotated.sessionId(), rotated.rotatedAt().map(at -> Duration.between(at, now).toMillis()).orElse(0L));
            return new RefreshResult.Superseded();
        }
        return endForReuse(rotated.sessionId());
    }

    @Override
    public Optional<Principal> authenticate(String accessToken) {
        if (accessToken == null || accessToken.isEmpty()) {
            return Optional.empty();
        }
        Optional<AccessClaims> decoded = verifiedTokens.decode(accessToken);
        if (decoded.isEmpty()) {
            return Optional.empty();
        }
        AccessClaims claims = decoded.get();
        Instant now = clock.instant();
        if (!claims.acceptableAt(now)) {
            return Optional.empty();
        }
        Optional<Session> session = sessions.find(claims.sessionId())
                .filter(Session::isActive)
                .filter(active -> active.username().equals(claims.username()))
                .filter(active -> active.expiryAt(now).isEmpty());
        if (session.isEmpty()) {
            return Optional.empty();
        }
        Session active = session.get();
        if (active.needsTouch(now)) {
            sessions.touch(active.id(), now);
        }
        return Optional.of(new Principal(active.id(), active.username(), active.role()));
    }

    private RefreshResult endForReuse(SessionId sessionId) {
        LOG.log(System.Logger.Level.WARNING, "refresh token reused; ending session {0}", sessionId);
        endings.end(sessionId, EndReason.REFRESH_REUSE);
        return new RefreshResult.Rejected(true);
    }

    /**
     * Issues a fresh access and refresh token. When {@code rotating} names the presented refresh
     * token, the new one replaces it atomically; if another request rotated it first, there is no
     * grant and the caller treats that as reuse.
     */
    private Optional<TokenGrant> issueGrant(Session session, Instant now, Optional<String> rotating) {
        Duration accessLifetime = settings.accessTokenLifetime();
        Duration untilAbsoluteEnd = Duration.between(now, session.absoluteExpiresAt());
        Duration refreshLifetime = settings.refreshTokenLifetime().compareTo(untilAbsoluteEnd) < 0
                ? settings.refreshTokenLifetime()
                : untilAbsoluteEnd;
        String refreshValue = secrets.urlSafe(REFRESH_TOKEN_BYTES);
        RefreshToken successor = RefreshToken.issued(SecretGenerator.sha256Hex(refreshValue), session.id(), now, now.plus(refreshLifetime));
        if (rotating.isPresent()) {
            if (!refreshTokens.rotate(rotating.get(), successor)) {
                return Optional.empty();
            }
        } else {
            refreshTokens.insert(successor);
        }
        AccessClaims claims = new AccessClaims(session.id(), session.username(), session.role(), now,
                now.plus(accessLifetime), secrets.hex(TOKEN_ID_BYTES));
        return Optional.of(new TokenGrant(tokenCodec.encode(claims), accessLifetime, refreshValue, refreshLifetime, session));
    }

    private void upgradeHashIfWeak(User user, char[] password) {
        if (user.passwordHash().weakerThan(settings.passwordHashIterations())) {
            users.update(user.withPasswordHash(passwordHasher.hash(password, settings.passwordHashIterations())));
            LOG.log(System.Logger.Level.INFO, "password hash of {0} upgraded to {1} iterations",
                    user.username(), settings.passwordHashIterations());
        }
    }

    private PasswordHash decoyHash() {
        PasswordHash hash = decoyHash;
        if (hash == null) {
            hash = passwordHasher.hash(secrets.hex(16).toCharArray(), settings.passwordHashIterations());
            decoyHash = hash;
        }
        return hash;
    }
}
