package app.ret.application.users;

import app.ret.application.CoreDependencies;
import app.ret.application.auth.SecretGenerator;
import app.ret.application.session.SessionEndingService;
import app.ret.domain.session.EndReason;
import app.ret.domain.session.Session;
import app.ret.domain.user.Role;
import app.ret.domain.user.User;
import app.ret.domain.user.Username;
import app.ret.ports.in.SessionEnded;
import app.ret.ports.in.UserAdministrationUseCase;
import app.ret.ports.out.PasswordHasher;
import app.ret.ports.out.SessionStore;
import app.ret.ports.out.UserStore;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

public final class UserAdministrationService implements UserAdministrationUseCase {
    static final int MIN_PASSWORD_LENGTH = 8;
    static final int MAX_PASSWORD_LENGTH = 1024;
    private static final String INITIAL_ADMIN = "admin";
    private static final int GENERATED_PASSWORD_BYTES = 18;

    private final Clock clock;
    private final UserStore users;
    private final SessionStore sessions;
    private final PasswordHasher passwordHasher;
    private final int iterations;
    private final SecretGenerator secrets;
    private final SessionEndingService endings;

    public UserAdministrationService(CoreDependencies deps, SecretGenerator secrets, SessionEndingService endings) {
        this.clock = deps.clock();
        this.users = deps.users();
        this.sessions = deps.sessions();
        this.passwordHasher = deps.passwordHasher();
        this.iterations = deps.authSettings().passwordHashIterations();
        this.secrets = secrets;
        this.endings = endings;
    }

    @Override
    public AddUserResult addUser(String username, Role role, char[] password) {
        if (!Username.isValid(username)) {
            return new AddUserResult.Invalid("username must be 1-64 characters of [A-Za-z0-9._-]");
        }
        Optional<String> weakness = passwordWeakness(password);
        if (weakness.isPresent()) {
            return new AddUserResult.Invalid(weakness.get());
        }
        Username name = new Username(username);
        if (users.find(name).isPresent()) {
            return new AddUserResult.AlreadyExists();
        }
        User user = new User(name, role, passwordHasher.hash(password, iterations), false, clock.instant());
        return users.insert(user) ? new AddUserResult.Added(user) : new AddUserResult.AlreadyExists();
    }

    private static Optional<String> passwordWeakness(char[] password) {
        if (password.length < MIN_PASSWORD_LENGTH || password.length > MAX_PASSWORD_LENGTH) {
            return Optional.of("password must be " + MIN_PASSWORD_LENGTH + "-" + MAX_PASSWORD_LENGTH + " characters");
        }
        return Optional.empty();
    }

    @Override
    public List<User> listUsers() {
        return users.list();
    }

    @Override
    public Optional<User> user(String username) {
        return Username.isValid(username) ? users.find(new Username(username)) : Optional.empty();
    }

    @Override
    public boolean disableUser(String username) {
        Optional<User> user = user(username);
        user.ifPresent(found -> {
            users.update(found.disable());
            endSessionsOf(found, EndReason.USER_DISABLED);
        });
        return user.isPresent();
    }

    @Override
    public boolean enableUser(String username) {
        Optional<User> user = user(username);
        user.ifPresent(found -> users.update(found.enable()));
        return user.isPresent();
    }

    @Override
    public PasswordChange setPassword(String username, char[] password) {
        Optional<User> user = user(username);
        if (user.isEmpty()) {
            return new PasswordChange.NoSuchUser();
        }
        Optional<String> weakness = passwordWeakness(password);
        if (weakness.isPresent()) {
            return new PasswordChange.Invalid(weakness.get());
        }
        users.update(user.get().withPasswordHash(passwordHasher.hash(password, iterations)));
        endSessionsOf(user.get(), EndReason.PASSWORD_RESET);
        return new PasswordChange.Changed();
    }

    @Override
    public UserDeletion deleteUser(String username) {
        Optional<User> user = user(username);
        if (user.isEmpty()) {
            return new UserDeletion.NoSuchUser();
        }
        User deleted = user.get();
        if (deleted.isAdmin() && !deleted.disabled() && users.list().stream().filter(other -> other.isAdmin() && !other.disabled()).count() == 1) {
            return new UserDeletion.LastAdmin();
        }
        // Disabled first: a login already past its password check is then the only one that can still start a session.
        users.update(deleted.disable());
        List<SessionEnded> ended = new ArrayList<>(endSessionsOf(deleted, EndReason.USER_DELETED));
        users.delete(deleted.username());
        ended.addAll(endSessionsOf(deleted, EndReason.USER_DELETED));
        return new UserDeletion.Deleted(ended);
    }

    private List<SessionEnded> endSessionsOf(User user, EndReason reason) {
        List<SessionEnded> ended = new ArrayList<>();
        for (Session session : sessions.listActiveOf(user.username())) {
            endings.end(session.id(), reason).ifPresent(ended::add);
        }
        return ended;
    }

    @Override
    public Optional<InitialAdmin> ensureInitialAdmin(Optional<String> password) {
        if (users.count() > 0) {
            return Optional.empty();
        }
        Optional<String> generated = password.isPresent() ? Optional.empty() : Optional.of(secrets.urlSafe(GENERATED_PASSWORD_BYTES));
        String chosen = password.or(() -> generated).orElseThrow();
        AddUserResult result = addUser(INITIAL_ADMIN, Role.ADMIN, chosen.toCharArray());
        if (result instanceof AddUserResult.Invalid invalid) {
            throw new IllegalArgumentException("RET_ADMIN_PASSWORD: " + invalid.reason());
        }
        // Instances starting together on one database race here: only the one whose insert won
        // created the admin, and only its password (if generated) is the one that works.
        return result instanceof AddUserResult.Added ? Optional.of(new InitialAdmin(INITIAL_ADMIN, generated)) : Optional.empty();
    }
}
