package app.ret.adapters.postgres;

import app.ret.domain.user.PasswordHash;
import app.ret.domain.user.Role;
import app.ret.domain.user.User;
import app.ret.domain.user.Username;
import app.ret.ports.out.UserStore;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

public final class PostgresUserStore implements UserStore {
    private static final String COLUMNS = "username, role, password_hash, hash_iterations, disabled, created_at";

    private final PostgresDatabase database;

    public PostgresUserStore(PostgresDatabase database) {
        this.database = database;
    }

    @Override
    public boolean insert(User user) {
        return database.autocommit(connection -> {
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO users(" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (username) DO NOTHING")) {
                insert.setString(1, user.username().value());
                bindDetails(insert, user, 2);
                Timestamps.set(insert, 6, user.createdAt());
                return insert.executeUpdate() == 1;
            }
        });
    }

    @Override
    public boolean update(User user) {
        return database.autocommit(connection -> {
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE users SET role = ?, password_hash = ?, hash_iterations = ?, disabled = ? WHERE username = ?")) {
                bindDetails(update, user, 1);
                update.setString(5, user.username().value());
                return update.executeUpdate() == 1;
            }
        });
    }

    private static void bindDetails(PreparedStatement statement, User user, int first) throws SQLException {
        statement.setString(first, user.role().wireName());
        statement.setString(first + 1, user.passwordHash().encoded());
        statement.setInt(first + 2, user.passwordHash().iterations());
        statement.setBoolean(first + 3, user.disabled());
    }

    @Override
    public Optional<User> find(Username username) {
        return database.autocommit(connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT " + COLUMNS + " FROM users WHERE username = ?")) {
                select.setString(1, username.value());
                try (ResultSet rows = select.executeQuery()) {
                    return rows.next() ? Optional.of(toUser(rows)) : Optional.empty();
                }
            }
        });
    }

    @Override
    public boolean delete(Username username) {
        return database.autocommit(connection -> {
            try (PreparedStatement delete = connection.prepareStatement("DELETE FROM users WHERE username = ?")) {
                delete.setString(1, username.value());
                return delete.executeUpdate() == 1;
            }
        });
    }

    @Override
    public List<User> list() {
        return database.autocommit(connection -> {
            List<User> users = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement("SELECT " + COLUMNS + " FROM users ORDER BY username");
                 ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    users.add(toUser(rows));
                }
            }
            return users;
        });
    }

    @Override
    public long count() {
        return database.autocommit(connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT COUNT(*) FROM users");
                 ResultSet rows = select.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        });
    }

    private static User toUser(ResultSet rows) throws SQLException {
        return new User(
                new Username(rows.getString("username")),
                Role.fromWireName(rows.getString("role")),
                new PasswordHash(rows.getString("password_hash"), rows.getInt("hash_iterations")),
                rows.getBoolean("disabled"),
                Timestamps.get(rows, "created_at"));
    }
}
