package app.ret.application.users;

import app.ret.application.CoreDependencies;
import app.ret.application.auth.SecretGenerator;
import app.ret.application.session.SessionEndingService;
import app.ret.domain.session.EndReason;
import app.ret.domain.session.Session;
import app.ret.domain.user.Role;
import app.ret.domain.user.User;
import app.ret.domain.user.Username;
import app.ret.ports.in.UserAdministrationUseCase;
import app.ret.ports.out.PasswordHasher;
import app.ret.ports.out.SessionStore;
import app.ret.ports.out.UserStore;
import java.time.Clock;
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
        Optional<String> problem = passwordProblem(password);
        if (problem.isPresent()) {
            return new AddUserResult.Invalid(problem.get());
        }
        Username name = new Username(username);
        if (users.find(name).isPresent()) {
            return new AddUserResult.AlreadyExists();
        }
        User user = new User(name, role, passwordHasher.hash(password, iterations), false, clock.instant());
        return users.insert(user) ? new AddUserResult.Added(user) : new AddUserResult.AlreadyExists();
    }

    @Override
    public List<User> listUsers() {
        return users.list();
    }

    @Override
    public boolean disableUser(String username) {
        Optional<User> user = find(username);
        if (user.isEmpty()) {
            return false;
        }
        users.update(user.get().disable());
        endSessionsOf(user.get().username(), EndReason.USER_DISABLED);
        return true;
    }

    @Override
    public boolean enableUser(String username) {
        Optional<User> user = find(username);
        user.ifPresent(found -> users.update(found.enable()));
        return user.isPresent();
    }

    @Override
    public ChangePasswordResult changePassword(String username, char[] newPassword) {
        Optional<User> user = find(username);
        if (user.isEmpty()) {
            return new ChangePasswordResult.NoSuchUser();
        }
        Optional<String> problem = passwordProblem(newPassword);
        if (problem.isPresent()) {
            return new ChangePasswordResult.Invalid(problem.get());
        }
        users.update(user.get().withPasswordHash(passwordHasher.hash(newPassword, iterations)));
        return new ChangePasswordResult.Changed(endSessionsOf(user.get().username(), EndReason.PASSWORD_CHANGED));
    }

    private Optional<User> find(String username) {
        return Username.isValid(username) ? users.find(new Username(username)) : Optional.empty();
    }

    private int endSessionsOf(Username name, EndReason reason) {
        int ended = 0;
        for (Session session : sessions.listActiveOf(name)) {
            if (endings.end(session.id(), reason).isPresent()) {
                ended++;
            }
        }
        return ended;
    }

    private static Optional<String> passwordProblem(char[] password) {
        return password.length < MIN_PASSWORD_LENGTH || password.length > MAX_PASSWORD_LENGTH
                ? Optional.of("password must be " + MIN_PASSWORD_LENGTH + "-" + MAX_PASSWORD_LENGTH + " characters") : Optional.empty();
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
        return Optional.of(new InitialAdmin(INITIAL_ADMIN, generated));
    }
}
