package app.ret.application.auth;

import static org.assertj.core.api.Assertions.assertThat;

import app.ret.adapters.memory.InMemoryUserStore;
import app.ret.adapters.security.Pbkdf2PasswordHasher;
import app.ret.application.RetCore;
import app.ret.application.TestCores;
import app.ret.domain.session.EndReason;
import app.ret.domain.token.AccessClaims;
import app.ret.domain.user.Role;
import app.ret.domain.user.User;
import app.ret.domain.user.Username;
import app.ret.ports.in.LoginUseCase.LoginCommand;
import app.ret.ports.in.LoginUseCase.LoginResult;
import app.ret.ports.in.Principal;
import app.ret.ports.in.RefreshUseCase.RefreshResult;
import app.ret.ports.in.TokenGrant;
import app.ret.ports.testing.MutableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Login, access tokens and refresh through the core (30-minute access tokens, 1-day refresh
 * tokens, sessions idle after 1 hour and over after 12, a 10-second refresh reuse grace), on the
 * real codec and hasher.
 */
class AuthFlowTest {
    private static final String PASSWORD = "password-1";
    private static final Duration REUSE_GRACE = Duration.ofSeconds(10);

    private final MutableClock clock = MutableClock.atSomeFixedTime();
    private final InMemoryUserStore users = new InMemoryUserStore();
    @TempDir
    Path runtimeRoot;
    private RetCore core;

    @BeforeEach
    void createCore() {
        core = TestCores.create(clock, runtimeRoot, TestCores.auth(5, REUSE_GRACE), TestCores.files(16 << 20, 64 << 20), users);
        core.userAdministration().addUser("alice", Role.ADMIN, PASSWORD.toCharArray());
    }

    @Test
    void aLoginGrantsAnAccessTokenForTheSessionAndARefreshTokenBoundedByTheSessionsEnd() {
        TokenGrant grant = TestCores.login(core, "alice", PASSWORD);

        assertThat(grant.accessTokenLifetime()).isEqualTo(Duration.ofMinutes(30));
        assertThat(grant.refreshTokenLifetime()).as("the session ends before the 1-day refresh lifetime").isEqualTo(Duration.ofHours(12));
        assertThat(grant.session().username()).isEqualTo(new Username("alice"));
        assertThat(core.authenticate().authenticate(grant.accessToken()))
                .contains(new Principal(grant.session().id(), new Username("alice"), Role.ADMIN));
        assertThat(runtimeRoot.resolve("sessions").resolve(grant.session().id().value())).isDirectory();
    }

    @Test
    void wrongPasswordsUnknownNamesAndDisabledUsersAreRejectedAlike() {
        assertThat(login("alice", "password-2")).isEqualTo(new LoginResult.Rejected());
        assertThat(login("nobody", PASSWORD)).isEqualTo(new LoginResult.Rejected());
        assertThat(login("not a name", PASSWORD)).isEqualTo(new LoginResult.Rejected());
        core.userAdministration().disableUser("alice");
        assertThat(login("alice", PASSWORD)).isEqualTo(new LoginResult.Rejected());
    }

    @Test
    void anAccessTokenIsAcceptedUntilFiveSecondsPastItsExpiry() {
        TokenGrant grant = TestCores.login(core, "alice", PASSWORD);

        clock.advance(Duration.ofMinutes(30).plusSeconds(4));
        assertThat(core.authenticate().authenticate(grant.accessToken())).isPresent();
        clock.advance(Duration.ofSeconds(1));
        assertThat(core.authenticate().authenticate(grant.accessToken())).isEmpty();
    }

    @Test
    void noTokenAForeignTokenOrOneOfAnEndedSessionAuthenticatesNobody() {
        TokenGrant grant = TestCores.login(core, "alice", PASSWORD);
        assertThat(core.authenticate().authenticate(null)).isEmpty();
        assertThat(core.authenticate().authenticate("")).isEmpty();
        assertThat(core.authenticate().authenticate(grant.accessToken() + "x")).isEmpty();

        core.endSession().end(grant.session().id(), EndReason.LOGOUT);

        assertThat(core.authenticate().authenticate(grant.accessToken())).isEmpty();
    }

    @Test
    void usingTheSessionKeepsItFromGoingIdle() {
        TokenGrant grant = TestCores.login(core, "alice", PASSWORD);
        clock.advance(Duration.ofMinutes(14));
        assertThat(core.authenticate().authenticate(grant.accessToken())).isPresent();

        clock.advance(Duration.ofMinutes(55));

        assertThat(core.refresh().refresh(grant.refreshToken())).as("seen 55 min ago, idle after 60").isInstanceOf(RefreshResult.Refreshed.class);
    }

    @Test
    void anIdleSessionCannotBeRefreshed() {
        TokenGrant grant = TestCores.login(core, "alice", PASSWORD);
        clock.advance(Duration.ofHours(1).plusSeconds(1));
        assertThat(core.refresh().refresh(grant.refreshToken())).isEqualTo(new RefreshResult.Rejected(false));
    }

    @Test
    void aRefreshRotatesBothTokensAndShortensTheRefreshLifetimeToTheSessionsEnd() {
        TokenGrant first = TestCores.login(core, "alice", PASSWORD);
        clock.advance(Duration.ofMinutes(30));

        TokenGrant second = ((RefreshResult.Refreshed) core.refresh().refresh(first.refreshToken())).grant();

        assertThat(second.refreshToken()).isNotEqualTo(first.refreshToken());
        assertThat(second.accessToken()).isNotEqualTo(first.accessToken());
        assertThat(second.session().id()).isEqualTo(first.session().id());
        assertThat(second.refreshTokenLifetime()).isEqualTo(Duration.ofHours(11).plusMinutes(30));
        assertThat(core.authenticate().authenticate(second.accessToken())).isPresent();
    }

    @Test
    void aRotatedRefreshTokenPresentedLaterEndsTheSession() {
        TokenGrant first = TestCores.login(core, "alice", PASSWORD);
        TokenGrant second = ((RefreshResult.Refreshed) core.refresh().refresh(first.refreshToken())).grant();
        clock.advance(REUSE_GRACE.plusSeconds(1));

        assertThat(core.refresh().refresh(first.refreshToken())).isEqualTo(new RefreshResult.Rejected(true));

        assertThat(core.sessionQueries().activeSession(first.session().id())).isEmpty();
        assertThat(core.refresh().refresh(second.refreshToken())).isEqualTo(new RefreshResult.Rejected(false));
    }

    @Test
    void blankAndUnknownRefreshTokensAreRejectedWithoutEndingAnything() {
        TokenGrant grant = TestCores.login(core, "alice", PASSWORD);
        assertThat(core.refresh().refresh(null)).isEqualTo(new RefreshResult.Rejected(false));
        assertThat(core.refresh().refresh(" ")).isEqualTo(new RefreshResult.Rejected(false));
        assertThat(core.refresh().refresh("made-up")).isEqualTo(new RefreshResult.Rejected(false));
        assertThat(core.sessionQueries().activeSession(grant.session().id())).isPresent();
    }

    @Test
    void aHashWithFewerIterationsThanConfiguredIsUpgradedAtTheNextLogin() {
        User weak = users.find(new Username("alice")).orElseThrow()
                .withPasswordHash(new Pbkdf2PasswordHasher(new Random(1)).hash(PASSWORD.toCharArray(), 500));
        users.update(weak);

        TestCores.login(core, "alice", PASSWORD);

        assertThat(users.find(new Username("alice")).orElseThrow().passwordHash().iterations()).isEqualTo(1000);
        assertThat(login("alice", PASSWORD)).isInstanceOf(LoginResult.LoggedIn.class);
    }

    @Test
    void aRefreshCountsAsUseOfTheSession() {
        TokenGrant first = TestCores.login(core, "alice", PASSWORD);
        clock.advance(Duration.ofMinutes(50));
        TokenGrant second = ((RefreshResult.Refreshed) core.refresh().refresh(first.refreshToken())).grant();

        clock.advance(Duration.ofMinutes(50));

        assertThat(core.refresh().refresh(second.refreshToken())).as("seen 50 min ago, idle after 60").isInstanceOf(RefreshResult.Refreshed.class);
    }

    @Test
    void anAccessTokenStillValidAuthenticatesNobodyOnceItsSessionIsOver() {
        TokenGrant grant = TestCores.login(core, "alice", PASSWORD);
        for (int refreshes = 0; refreshes < 14; refreshes++) {
            clock.advance(Duration.ofMinutes(50));
            grant = ((RefreshResult.Refreshed) core.refresh().refresh(grant.refreshToken())).grant();
        }
        clock.advance(Duration.ofMinutes(19));
        assertThat(core.authenticate().authenticate(grant.accessToken())).as("11 h 59 min in").isPresent();

        clock.advance(Duration.ofMinutes(1));

        assertThat(core.authenticate().authenticate(grant.accessToken())).as("12 h in, the token 20 min old").isEmpty();
    }

    @Test
    void aSignedTokenNamingAnotherUserThanItsSessionsAuthenticatesNobody() {
        core.userAdministration().addUser("mallory", Role.USER, PASSWORD.toCharArray());
        TokenGrant alice = TestCores.login(core, "alice", PASSWORD);
        AccessClaims forged = new AccessClaims(alice.session().id(), new Username("mallory"), Role.USER, clock.instant(),
                clock.instant().plus(Duration.ofMinutes(30)), "forged");

        assertThat(core.authenticate().authenticate(TestCores.tokenCodec().encode(forged))).isEmpty();
    }

    @Test
    void aDisabledUsersLoginTouchesNothingOfTheirs() {
        User weak = users.find(new Username("alice")).orElseThrow()
                .withPasswordHash(new Pbkdf2PasswordHasher(new Random(1)).hash(PASSWORD.toCharArray(), 500));
        users.update(weak);
        core.userAdministration().disableUser("alice");

        assertThat(login("alice", PASSWORD)).isEqualTo(new LoginResult.Rejected());

        assertThat(users.find(new Username("alice")).orElseThrow().passwordHash().iterations()).as("not upgraded").isEqualTo(500);
    }

    private LoginResult login(String username, String password) {
        return core.login().login(new LoginCommand(username, password.toCharArray(), "192.0.2.1"));
    }
}
