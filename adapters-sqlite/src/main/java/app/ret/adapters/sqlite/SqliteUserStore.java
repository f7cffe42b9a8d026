package app.ret.adapters.sqlite;

import app.ret.domain.user.PasswordHash;
import app.ret.domain.user.Role;
import app.ret.domain.user.User;
import app.ret.domain.user.Username;
import app.ret.ports.out.UserStore;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

public final class SqliteUserStore implements UserStore {
    private static final String COLUMNS = "username, role, password_hash, hash_iterations, disabled, created_at";

    private final SqliteDatabase database;

    public SqliteUserStore(SqliteDatabase database) {
        this.database = database;
    }

    @Override
    public boolean insert(User user) {
        return database.write(sql -> {
            PreparedStatement insert = sql.prepare("INSERT INTO users(" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(username) DO NOTHING");
            insert.setString(1, user.username().value());
            bindDetails(insert, user, 2);
            insert.setLong(6, user.createdAt().toEpochMilli());
            return insert.executeUpdate() == 1;
        });
    }

    @Override
    public boolean update(User user) {
        return database.write(sql -> {
            PreparedStatement update = sql.prepare("UPDATE users SET role = ?, password_hash = ?, hash_iterations = ?, disabled = ? WHERE username = ?");
            bindDetails(update, user, 1);
            update.setString(5, user.username().value());
            return update.executeUpdate() == 1;
        });
    }

    private static void bindDetails(PreparedStatement statement, User user, int first) throws SQLException {
        statement.setString(first, user.role().wireName());
        statement.setString(first + 1, user.passwordHash().encoded());
        statement.setInt(first + 2, user.passwordHash().iterations());
        statement.setInt(first + 3, user.disabled() ? 1 : 0);
    }

    @Override
    public Optional<User> find(Username username) {
        return database.read(sql -> {
            PreparedStatement select = sql.prepare("SELECT " + COLUMNS + " FROM users WHERE username = ?");
            select.setString(1, username.value());
            try (ResultSet rows = select.executeQuery()) {
                return rows.next() ? Optional.of(toUser(rows)) : Optional.empty();
            }
        });
    }

    @Override
    public boolean delete(Username username) {
        return database.write(sql -> {
            PreparedStatement delete = sql.prepare("DELETE FROM users WHERE username = ?");
            delete.setString(1, username.value());
            return delete.executeUpdate() == 1;
        });
    }

    @Override
    public List<User> list() {
        return database.read(sql -> {
            List<User> users = new ArrayList<>();
            try (ResultSet rows = sql.prepare("SELECT " + COLUMNS + " FROM users ORDER BY username").executeQuery()) {
                while (rows.next()) {
                    users.add(toUser(rows));
                }
            }
            return users;
        });
    }

    @Override
    public long count() {
        return database.read(sql -> {
            try (ResultSet rows = sql.prepare("SELECT COUNT(*) FROM users").executeQuery()) {
                return rows.next() ? rows.getLong(1) : 0L;
            }
        });
    }

    private static User toUser(ResultSet rows) throws SQLException {
        return new User(
                new Username(rows.getString("username")),
                Role.fromWireName(rows.getString("role")),
                new PasswordHash(rows.getString("password_hash"), rows.getInt("hash_iterations")),
                rows.getInt("disabled") == 1,
                Instant.ofEpochMilli(rows.getLong("created_at")));
    }
}
