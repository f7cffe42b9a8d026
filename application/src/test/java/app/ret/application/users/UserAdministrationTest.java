package app.ret.application.users;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.ret.application.RetCore;
import app.ret.application.TestCores;
import app.ret.domain.user.Role;
import app.ret.domain.user.User;
import app.ret.ports.in.LoginUseCase.LoginCommand;
import app.ret.ports.in.LoginUseCase.LoginResult;
import app.ret.ports.in.SessionEnded;
import app.ret.ports.in.TokenGrant;
import app.ret.ports.in.UserAdministrationUseCase;
import app.ret.ports.in.UserAdministrationUseCase.AddUserResult;
import app.ret.ports.in.UserAdministrationUseCase.InitialAdmin;
import app.ret.ports.in.UserAdministrationUseCase.PasswordChange;
import app.ret.ports.in.UserAdministrationUseCase.UserDeletion;
import app.ret.ports.testing.MutableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Adding, disabling and re-keying users through the core, with the real hasher and session stores. */
class UserAdministrationTest {
    private static final String PASSWORD = "password-1";

    private final MutableClock clock = MutableClock.atSomeFixedTime();
    @TempDir
    Path runtimeRoot;
    private RetCore core;
    private UserAdministrationUseCase admin;

    @BeforeEach
    void createCore() {
        core = TestCores.create(clock, runtimeRoot, TestCores.auth(5, Duration.ofSeconds(10)), TestCores.files(16 << 20, 64 << 20));
        admin = core.userAdministration();
    }

    @Test
    void anAddedUserCanLogInWithTheRoleAndTimeGiven() {
        AddUserResult result = admin.addUser("alice", Role.ADMIN, PASSWORD.toCharArray());

        User alice = ((AddUserResult.Added) result).user();
        assertThat(alice.role()).isEqualTo(Role.ADMIN);
        assertThat(alice.createdAt()).isEqualTo(clock.instant());
        assertThat(alice.passwordHash().iterations()).isEqualTo(1000);
        assertThat(admin.user("alice")).contains(alice);
        assertThat(admin.listUsers()).containsExactly(alice);
        assertThat(TestCores.login(core, "alice", PASSWORD).session().username().value()).isEqualTo("alice");
    }

    @Test
    void passwordsHaveEightToOneThousandTwentyFourCharacters() {
        assertThat(admin.addUser("seven", Role.USER, "1234567".toCharArray()))
                .isEqualTo(new AddUserResult.Invalid("password must be 8-1024 characters"));
        assertThat(admin.addUser("eight", Role.USER, "12345678".toCharArray())).isInstanceOf(AddUserResult.Added.class);
        assertThat(admin.addUser("longest", Role.USER, "p".repeat(1024).toCharArray())).isInstanceOf(AddUserResult.Added.class);
        assertThat(admin.addUser("toolong", Role.USER, "p".repeat(1025).toCharArray())).isInstanceOf(AddUserResult.Invalid.class);
        assertThat(admin.user("seven")).isEmpty();
    }

    @Test
    void aNameIsTakenOnceAndMustBeAUsername() {
        admin.addUser("alice", Role.USER, PASSWORD.toCharArray());
        assertThat(admin.addUser("alice", Role.ADMIN, "password-2".toCharArray())).isEqualTo(new AddUserResult.AlreadyExists());
        assertThat(admin.user("alice")).map(User::role).contains(Role.USER);
        assertThat(admin.addUser("not valid!", Role.USER, PASSWORD.toCharArray()))
                .isEqualTo(new AddUserResult.Invalid("username must be 1-64 characters of [A-Za-z0-9._-]"));
        assertThat(admin.user("not valid!")).isEmpty();
    }

    @Test
    void disablingEndsTheUsersSessionsAndRefusesLoginsUntilEnabled() {
        admin.addUser("alice", Role.USER, PASSWORD.toCharArray());
        admin.addUser("bob", Role.USER, PASSWORD.toCharArray());
        TokenGrant alice = TestCores.login(core, "alice", PASSWORD);
        TokenGrant bob = TestCores.login(core, "bob", PASSWORD);

        assertThat(admin.disableUser("alice")).isTrue();

        assertThat(core.sessionQueries().activeSession(alice.session().id())).isEmpty();
        assertThat(core.sessionQueries().activeSession(bob.session().id())).isPresent();
        assertThat(admin.user("alice")).map(User::disabled).contains(true);
        assertThat(login("alice", PASSWORD)).isInstanceOf(LoginResult.Rejected.class);
        assertThat(admin.enableUser("alice")).isTrue();
        assertThat(admin.user("alice")).map(User::disabled).contains(false);
        assertThat(login("alice", PASSWORD)).isInstanceOf(LoginResult.LoggedIn.class);
        assertThat(admin.disableUser("nobody")).isFalse();
        assertThat(admin.enableUser("nobody")).isFalse();
    }

    @Test
    void aNewPasswordEndsTheSessionsAndOnlyTheNewOneWorks() {
        admin.addUser("alice", Role.USER, PASSWORD.toCharArray());
        TokenGrant before = TestCores.login(core, "alice", PASSWORD);

        assertThat(admin.setPassword("alice", "password-2".toCharArray())).isEqualTo(new PasswordChange.Changed());

        assertThat(core.sessionQueries().activeSession(before.session().id())).isEmpty();
        assertThat(login("alice", PASSWORD)).isInstanceOf(LoginResult.Rejected.class);
        assertThat(login("alice", "password-2")).isInstanceOf(LoginResult.LoggedIn.class);
        assertThat(admin.setPassword("alice", "short".toCharArray())).isEqualTo(new PasswordChange.Invalid("password must be 8-1024 characters"));
        assertThat(admin.setPassword("nobody", "password-3".toCharArray())).isEqualTo(new PasswordChange.NoSuchUser());
        assertThat(login("alice", "password-2")).isInstanceOf(LoginResult.LoggedIn.class);
    }

    @Test
    void theInitialAdminIsCreatedOnlyInAnEmptyStoreWithTheGivenOrAGeneratedPassword() {
        Optional<InitialAdmin> created = admin.ensureInitialAdmin(Optional.empty());

        String generated = created.orElseThrow().generatedPassword().orElseThrow();
        assertThat(created.get().username()).isEqualTo("admin");
        assertThat(generated).hasSize(24).matches("[A-Za-z0-9_-]+");
        assertThat(admin.user("admin")).map(User::role).contains(Role.ADMIN);
        assertThat(login("admin", generated)).isInstanceOf(LoginResult.LoggedIn.class);
        assertThat(admin.ensureInitialAdmin(Optional.of("another-password"))).isEmpty();
    }

    @Test
    void aGivenInitialAdminPasswordIsUsedAndNeverEchoed() {
        assertThat(admin.ensureInitialAdmin(Optional.of("chosen-password"))).contains(new InitialAdmin("admin", Optional.empty()));
        assertThat(login("admin", "chosen-password")).isInstanceOf(LoginResult.LoggedIn.class);
    }

    @Test
    void aTooShortInitialAdminPasswordStopsTheStartNamingTheSetting() {
        assertThatThrownBy(() -> admin.ensureInitialAdmin(Optional.of("short")))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("RET_ADMIN_PASSWORD: password must be 8-1024 characters");
        assertThat(admin.listUsers()).isEmpty();
    }

    @Test
    void deletingAUserEndsEachOfTheirSessionsAndTheNameCanNoLongerLogIn() {
        admin.addUser("root", Role.ADMIN, PASSWORD.toCharArray());
        admin.addUser("alice", Role.USER, PASSWORD.toCharArray());
        TokenGrant first = TestCores.login(core, "alice", PASSWORD);
        TokenGrant second = TestCores.login(core, "alice", PASSWORD);
        TokenGrant root = TestCores.login(core, "root", PASSWORD);

        UserDeletion deletion = admin.deleteUser("alice");

        assertThat(deletion).isInstanceOf(UserDeletion.Deleted.class);
        assertThat(((UserDeletion.Deleted) deletion).endedSessions()).extracting(SessionEnded::sessionId)
                .containsExactlyInAnyOrder(first.session().id(), second.session().id());
        assertThat(((UserDeletion.Deleted) deletion).endedSessions()).extracting(SessionEnded::refreshTokensRevoked).containsExactly(1, 1);
        assertThat(admin.user("alice")).isEmpty();
        assertThat(core.sessionQueries().activeSessions()).extracting(overview -> overview.session().id())
                .containsExactly(root.session().id());
        assertThat(login("alice", PASSWORD)).isInstanceOf(LoginResult.Rejected.class);
        assertThat(admin.deleteUser("alice")).isEqualTo(new UserDeletion.NoSuchUser());
        assertThat(admin.deleteUser("not valid!")).isEqualTo(new UserDeletion.NoSuchUser());
    }

    @Test
    void theOnlyAdminWhoCanLogInIsNeverDeleted() {
        admin.addUser("root", Role.ADMIN, PASSWORD.toCharArray());
        admin.addUser("bob", Role.USER, PASSWORD.toCharArray());
        admin.addUser("former", Role.ADMIN, PASSWORD.toCharArray());
        admin.disableUser("former");

        assertThat(admin.deleteUser("root")).as("a user and a disabled admin besides").isEqualTo(new UserDeletion.LastAdmin());
        assertThat(admin.user("root")).isPresent();
        assertThat(admin.deleteUser("former")).as("a disabled admin is not needed").isEqualTo(new UserDeletion.Deleted(List.of()));
        assertThat(admin.user("former")).isEmpty();
    }

    @Test
    void anAdminGoesWhileAnotherCanStillLogIn() {
        admin.addUser("root", Role.ADMIN, PASSWORD.toCharArray());
        admin.addUser("deputy", Role.ADMIN, PASSWORD.toCharArray());

        assertThat(admin.deleteUser("deputy")).isEqualTo(new UserDeletion.Deleted(List.of()));

        assertThat(admin.deleteUser("root")).isEqualTo(new UserDeletion.LastAdmin());
        assertThat(admin.listUsers()).extracting(user -> user.username().value()).containsExactly("root");
    }

    private LoginResult login(String username, String password) {
        return core.login().login(new LoginCommand(username, password.toCharArray(), "192.0.2.1"));
    }
}
