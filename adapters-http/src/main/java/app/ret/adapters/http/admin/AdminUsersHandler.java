package app.ret.adapters.http.admin;

import app.ret.adapters.http.pipeline.Access;
import app.ret.adapters.http.pipeline.ApiExchange;
import app.ret.adapters.http.pipeline.Problem;
import app.ret.adapters.http.pipeline.ProblemException;
import app.ret.adapters.http.pipeline.Rfc3339;
import app.ret.adapters.http.pipeline.Route;
import app.ret.adapters.http.pipeline.RouteProvider;
import app.ret.domain.user.Role;
import app.ret.domain.user.User;
import app.ret.ports.in.UserAdministrationUseCase;
import app.ret.ports.in.UserAdministrationUseCase.AddUserResult;
import app.ret.ports.in.UserAdministrationUseCase.PasswordChange;
import java.io.IOException;
import java.util.List;

/** Role admin: list, add, disable and enable users, and set a user's password. */
public final class AdminUsersHandler implements RouteProvider {
    private final UserAdministrationUseCase users;

    public AdminUsersHandler(UserAdministrationUseCase users) {
        this.users = users;
    }

    @Override
    public List<Route> routes() {
        return List.of(
                Route.of("GET", "/api/admin/users", Access.ADMIN, this::list),
                Route.of("POST", "/api/admin/users", Access.ADMIN, this::add),
                Route.of("POST", "/api/admin/users/{username}/disable", Access.ADMIN, this::disable),
                Route.of("POST", "/api/admin/users/{username}/enable", Access.ADMIN, this::enable),
                Route.of("PUT", "/api/admin/users/{username}/password", Access.ADMIN, this::setPassword));
    }

    record UserBody(String username, String role, boolean enabled, String createdAt) {
        static UserBody from(User user) {
            return new UserBody(user.username().value(), user.role().wireName(), !user.disabled(), Rfc3339.format(user.createdAt()));
        }
    }

    record UserList(List<UserBody> users) {}

    record NewUser(String username, String password, String role) {}

    record NewPassword(String password) {}

    private void list(ApiExchange exchange) throws IOException {
        exchange.respondJson(200, new UserList(users.listUsers().stream().map(UserBody::from).toList()));
    }

    private void add(ApiExchange exchange) throws IOException {
        NewUser body = exchange.readJson(NewUser.class);
        if (body.username() == null || body.password() == null) {
            throw new ProblemException(Problem.validation("username and password are required."));
        }
        AddUserResult result = users.addUser(body.username(), role(body.role()), body.password().toCharArray());
        if (result instanceof AddUserResult.Invalid invalid) {
            throw new ProblemException(Problem.validation(invalid.reason() + "."));
        }
        if (result instanceof AddUserResult.AlreadyExists) {
            throw new ProblemException(Problem.conflict("A user with this name exists."));
        }
        exchange.respondJson(201, UserBody.from(((AddUserResult.Added) result).user()));
    }

    private void disable(ApiExchange exchange) throws IOException {
        String username = exchange.pathParameter("username");
        if (!users.disableUser(username)) {
            throw new ProblemException(Problem.notFound());
        }
        respondWithUser(exchange, username);
    }

    private void enable(ApiExchange exchange) throws IOException {
        String username = exchange.pathParameter("username");
        if (!users.enableUser(username)) {
            throw new ProblemException(Problem.notFound());
        }
        respondWithUser(exchange, username);
    }

    private void setPassword(ApiExchange exchange) throws IOException {
        NewPassword body = exchange.readJson(NewPassword.class);
        if (body.password() == null) {
            throw new ProblemException(Problem.validation("password is required."));
        }
        PasswordChange change = users.setPassword(exchange.pathParameter("username"), body.password().toCharArray());
        if (change instanceof PasswordChange.NoSuchUser) {
            throw new ProblemException(Problem.notFound());
        }
        if (change instanceof PasswordChange.Invalid invalid) {
            throw new ProblemException(Problem.validation(invalid.reason() + "."));
        }
        exchange.respondEmpty(204);
    }

    private void respondWithUser(ApiExchange exchange, String username) throws IOException {
        User user = users.user(username).orElseThrow(() -> new ProblemException(Problem.notFound()));
        exchange.respondJson(200, UserBody.from(user));
    }

    private static Role role(String wireName) {
        if (wireName == null) {
            return Role.USER;
        }
        try {
            return Role.fromWireName(wireName);
        } catch (IllegalArgumentException e) {
            throw new ProblemException(Problem.validation("role must be \"user\" or \"admin\"."));
        }
    }
}
