package app.ret.application.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.ret.adapters.memory.InMemoryRefreshTokenStore;
import app.ret.adapters.memory.InMemoryUserStore;
import app.ret.application.RetCore;
import app.ret.application.TestCores;
import app.ret.domain.session.EndReason;
import app.ret.domain.session.SessionId;
import app.ret.domain.token.RefreshToken;
import app.ret.domain.user.Role;
import app.ret.domain.user.User;
import app.ret.domain.user.Username;
import app.ret.ports.in.LoginUseCase.LoginCommand;
import app.ret.ports.in.LoginUseCase.LoginResult;
import app.ret.ports.in.RefreshUseCase.RefreshResult;
import app.ret.ports.in.TokenGrant;
import app.ret.ports.out.RefreshTokenStore;
import app.ret.ports.out.UserStore;
import app.ret.ports.testing.MutableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Logins and refreshes that something else overtakes half-way, stepped in deterministically: an
 * administrator between the password check and the session's start, a store failing after the
 * session was stored, another tab or a logout between a refresh's checks and its rotation.
 */
class InterruptedLoginsAndRefreshesTest {
    private static final String PASSWORD = "password-1";
    private static final Duration GRACE = Duration.ofSeconds(10);

    private final MutableClock clock = MutableClock.atSomeFixedTime();
    private final SteppedRefreshTokens refreshTokens = new SteppedRefreshTokens(new InMemoryRefreshTokenStore());
    @TempDir
    Path root;

    @Test
    void aUserDisabledWhileTheirPasswordWasCheckedGetsNoSession() {
        AdministeredAfterTheCheck users = new AdministeredAfterTheCheck(new InMemoryUserStore());
        RetCore core = coreWith(users);
        users.meanwhile = store -> store.update(store.find(new Username("dave")).orElseThrow().disable());

        assertThat(login(core)).isEqualTo(new LoginResult.Rejected());

        assertThat(core.sessionQueries().activeSessions()).isEmpty();
        assertThat(root.resolve("sessions")).isEmptyDirectory();
    }

    @Test
    void aUserDeletedWhileTheirPasswordWasCheckedGetsNoSession() {
        AdministeredAfterTheCheck users = new AdministeredAfterTheCheck(new InMemoryUserStore());
        RetCore core = coreWith(users);
        users.meanwhile = store -> store.delete(new Username("dave"));

        assertThat(login(core)).isEqualTo(new LoginResult.Rejected());

        assertThat(core.sessionQueries().activeSessions()).isEmpty();
        assertThat(root.resolve("sessions")).isEmptyDirectory();
    }

    @Test
    void aLoginFailingAfterItsSessionWasStoredEndsThatSession() {
        RetCore core = core();
        refreshTokens.failInserts = true;

        assertThatThrownBy(() -> login(core)).hasMessage("refresh tokens unavailable");

        assertThat(core.sessionQueries().activeSessions()).isEmpty();
        assertThat(root.resolve("sessions")).isEmptyDirectory();
    }

    /** The sweeper finishes such an ending later; the caller's error names both failures. */
    @Test
    void whenEndingTheFailedLoginsSessionFailsTooTheErrorCarriesBoth() {
        RetCore core = core();
        refreshTokens.failInserts = true;
        refreshTokens.failRevocations = true;

        assertThatThrownBy(() -> login(core)).hasMessage("refresh tokens unavailable")
                .satisfies(e -> assertThat(e.getSuppressed()).extracting(Throwable::getMessage).containsExactly("revocation unavailable"));

        assertThat(core.sessionQueries().activeSessions()).isEmpty();
    }

    @Test
    void aRefreshOvertakenByAnotherTabsRefreshOfTheSameTokenIsSuperseded() {
        RetCore core = core();
        TokenGrant grant = ((LoginResult.LoggedIn) login(core)).grant();
        refreshTokens.beforeNextRotation = () -> assertThat(core.refresh().refresh(grant.refreshToken())).isInstanceOf(RefreshResult.Refreshed.class);

        assertThat(core.refresh().refresh(grant.refreshToken())).isEqualTo(new RefreshResult.Superseded());

        assertThat(core.sessionQueries().activeSession(grant.session().id())).isPresent();
    }

    @Test
    void aRefreshOvertakenByTheSessionsLogoutIsRejected() {
        RetCore core = core();
        TokenGrant grant = ((LoginResult.LoggedIn) login(core)).grant();
        SessionId session = grant.session().id();
        refreshTokens.beforeNextRotation = () -> core.endSession().end(session, EndReason.LOGOUT);

        assertThat(core.refresh().refresh(grant.refreshToken())).isEqualTo(new RefreshResult.Rejected(false));

        assertThat(core.sessionQueries().activeSession(session)).isEmpty();
    }

    private RetCore core() {
        RetCore core = TestCores.create(clock, root, TestCores.auth(5, GRACE), TestCores.files(1 << 20, 4 << 20), refreshTokens,
                UnaryOperator.identity());
        core.userAdministration().addUser("dave", Role.USER, PASSWORD.toCharArray());
        return core;
    }

    private RetCore coreWith(UserStore users) {
        RetCore core = TestCores.create(clock, root, TestCores.auth(5, GRACE), TestCores.files(1 << 20, 4 << 20), users);
        core.userAdministration().addUser("dave", Role.USER, PASSWORD.toCharArray());
        return core;
    }

    private static LoginResult login(RetCore core) {
        return core.login().login(new LoginCommand("dave", PASSWORD.toCharArray(), "192.0.2.1"));
    }

    /** Users in memory; {@code meanwhile} runs once, right after the next find has answered (the login's password check follows it). */
    private static final class AdministeredAfterTheCheck implements UserStore {
        private final UserStore users;
        volatile Consumer<UserStore> meanwhile = store -> { };

        AdministeredAfterTheCheck(UserStore users) {
            this.users = users;
        }

        @Override
        public Optional<User> find(Username username) {
            Optional<User> found = users.find(username);
            Consumer<UserStore> step = meanwhile;
            meanwhile = store -> { };
            step.accept(users);
            return found;
        }

        @Override
        public boolean insert(User user) {
            return users.insert(user);
        }

        @Override
        public boolean update(User user) {
            return users.update(user);
        }

        @Override
        public boolean delete(Username username) {
            return users.delete(username);
        }

        @Override
        public List<User> list() {
            return users.list();
        }

        @Override
        public long count() {
            return users.count();
        }
    }

    /** Refresh tokens in memory, with a step run once before the next rotation and failures switched on by the test. */
    private static final class SteppedRefreshTokens implements RefreshTokenStore {
        private final RefreshTokenStore tokens;
        volatile Runnable beforeNextRotation = () -> { };
        volatile boolean failInserts;
        volatile boolean failRevocations;

        SteppedRefreshTokens(RefreshTokenStore tokens) {
            this.tokens = tokens;
        }

        @Override
        public void insert(RefreshToken token) {
            if (failInserts) {
                throw new IllegalStateException("refresh tokens unavailable");
            }
            tokens.insert(token);
        }

        @Override
        public Optional<RefreshToken> find(String tokenHash) {
            return tokens.find(tokenHash);
        }

        @Override
        public boolean rotate(String presentedHash, RefreshToken successor) {
            Runnable step = beforeNextRotation;
            beforeNextRotation = () -> { };
            step.run();
            return tokens.rotate(presentedHash, successor);
        }

        @Override
        public int revokeAll(SessionId sessionId) {
            if (failRevocations) {
                throw new IllegalStateException("revocation unavailable");
            }
            return tokens.revokeAll(sessionId);
        }
    }
}
