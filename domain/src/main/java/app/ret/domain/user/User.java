package app.ret.domain.user;

import java.time.Instant;
import java.util.Objects;

public record User(Username username, Role role, PasswordHash passwordHash, boolean disabled, Instant createdAt) {
    public User {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(passwordHash, "passwordHash");
        Objects.requireNonNull(createdAt, "createdAt");
    }

    public User withPasswordHash(PasswordHash newHash) {
        return new User(username, role, newHash, disabled, createdAt);
    }

    public User disable() {
        return new User(username, role, passwordHash, true, createdAt);
    }

    public User enable() {
        return new User(username, role, passwordHash, false, createdAt);
    }

    public boolean isAdmin() {
        return role == Role.ADMIN;
    }
}
