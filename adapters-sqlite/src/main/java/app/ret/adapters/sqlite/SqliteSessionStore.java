package app.ret.adapters.sqlite;

import app.ret.domain.session.EndReason;
import app.ret.domain.session.Session;
import app.ret.domain.session.SessionId;
import app.ret.domain.session.SessionStatus;
import app.ret.domain.session.SessionTimeouts;
import app.ret.domain.user.Role;
import app.ret.domain.user.Username;
import app.ret.ports.out.SessionStore;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

public final class SqliteSessionStore implements SessionStore {
    private static final String COLUMNS =
            "id, username, role, created_at, last_seen_at, idle_timeout_ms, absolute_timeout_ms, status, end_reason";
    private static final String ORDER = " ORDER BY created_at, id";

    private final SqliteDatabase database;

    public SqliteSessionStore(SqliteDatabase database) {
        this.database = database;
    }

    @Override
    public void insert(Session session) {
        database.write(sql -> {
            PreparedStatement insert = sql.prepare("INSERT INTO sessions(" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
            insert.setString(1, session.id().value());
            insert.setString(2, session.username().value());
            insert.setString(3, session.role().wireName());
            insert.setLong(4, session.createdAt().toEpochMilli());
            insert.setLong(5, session.lastSeenAt().toEpochMilli());
            insert.setLong(6, session.timeouts().idle().toMillis());
            insert.setLong(7, session.timeouts().absolute().toMillis());
            insert.setString(8, session.status().name());
            insert.setString(9, session.endReason().map(EndReason::wireName).orElse(null));
            return insert.executeUpdate();
        });
    }

    @Override
    public Optional<Session> find(SessionId id) {
        return database.read(sql -> {
            PreparedStatement select = sql.prepare("SELECT " + COLUMNS + " FROM sessions WHERE id = ?");
            select.setString(1, id.value());
            return first(select);
        });
    }

    @Override
    public void touch(SessionId id, Instant seenAt) {
        database.write(sql -> {
            PreparedStatement update = sql.prepare(
                    "UPDATE sessions SET last_seen_at = ? WHERE id = ? AND status = 'ACTIVE' AND last_seen_at < ?");
            update.setLong(1, seenAt.toEpochMilli());
            update.setString(2, id.value());
            update.setLong(3, seenAt.toEpochMilli());
            return update.executeUpdate();
        });
    }

    @Override
    public Optional<Session> markEnding(SessionId id, EndReason reason, Instant claimedUntil) {
        return database.write(sql -> {
            PreparedStatement update = sql.prepare("UPDATE sessions SET status = 'ENDING', end_reason = ?, cleanup_claimed_until = ?"
                    + " WHERE id = ? AND status = 'ACTIVE'");
            update.setString(1, reason.wireName());
            update.setLong(2, claimedUntil.toEpochMilli());
            update.setString(3, id.value());
            if (update.executeUpdate() == 0) {
                return Optional.empty();
            }
            PreparedStatement select = sql.prepare("SELECT " + COLUMNS + " FROM sessions WHERE id = ?");
            select.setString(1, id.value());
            return first(select);
        });
    }

    @Override
    public boolean delete(SessionId id) {
        return database.write(sql -> {
            PreparedStatement delete = sql.prepare("DELETE FROM sessions WHERE id = ?");
            delete.setString(1, id.value());
            return delete.executeUpdate() == 1;
        });
    }

    @Override
    public List<Session> listActive() {
        return database.read(sql -> all(sql.prepare("SELECT " + COLUMNS + " FROM sessions WHERE status = 'ACTIVE'" + ORDER)));
    }

    @Override
    public List<Session> listActiveOf(Username username) {
        return database.read(sql -> {
            PreparedStatement select = sql.prepare(
                    "SELECT " + COLUMNS + " FROM sessions WHERE username = ? AND status = 'ACTIVE'" + ORDER);
            select.setString(1, username.value());
            return all(select);
        });
    }

    @Override
    public List<Session> claimUnfinishedEndings(Instant now, Instant claimedUntil) {
        return database.write(sql -> {
            PreparedStatement select = sql.prepare("SELECT " + COLUMNS + " FROM sessions WHERE status = 'ENDING'"
                    + " AND (cleanup_claimed_until IS NULL OR cleanup_claimed_until <= ?)" + ORDER);
            select.setLong(1, now.toEpochMilli());
            List<Session> unclaimed = all(select);
            PreparedStatement claim = sql.prepare("UPDATE sessions SET cleanup_claimed_until = ? WHERE id = ?");
            for (Session session : unclaimed) {
                claim.setLong(1, claimedUntil.toEpochMilli());
                claim.setString(2, session.id().value());
                claim.executeUpdate();
            }
            return unclaimed;
        });
    }

    @Override
    public List<Session> listExpired(Instant now) {
        return database.read(sql -> {
            PreparedStatement select = sql.prepare("SELECT " + COLUMNS + " FROM sessions WHERE status = 'ACTIVE'"
                    + " AND (created_at + absolute_timeout_ms <= ? OR last_seen_at + idle_timeout_ms <= ?)" + ORDER);
            select.setLong(1, now.toEpochMilli());
            select.setLong(2, now.toEpochMilli());
            return all(select);
        });
    }

    private static Optional<Session> first(PreparedStatement select) throws SQLException {
        try (ResultSet rows = select.executeQuery()) {
            return rows.next() ? Optional.of(toSession(rows)) : Optional.empty();
        }
    }

    private static List<Session> all(PreparedStatement select) throws SQLException {
        List<Session> sessions = new ArrayList<>();
        try (ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                sessions.add(toSession(rows));
            }
        }
        return sessions;
    }

    private static Session toSession(ResultSet rows) throws SQLException {
        return new Session(
                new SessionId(rows.getString("id")),
                new Username(rows.getString("username")),
                Role.fromWireName(rows.getString("role")),
                Instant.ofEpochMilli(rows.getLong("created_at")),
                Instant.ofEpochMilli(rows.getLong("last_seen_at")),
                new SessionTimeouts(Duration.ofMillis(rows.getLong("idle_timeout_ms")), Duration.ofMillis(rows.getLong("absolute_timeout_ms"))),
                SessionStatus.valueOf(rows.getString("status")),
                Optional.ofNullable(rows.getString("end_reason")).map(EndReason::fromWireName));
    }

    /** The users', sessions', refresh tokens', cache's and jobs' tables are in one file: their writes inside join one transaction. */
    @Override
    public <T> T inOneTransaction(Supplier<T> work) {
        return database.write(sql -> work.get());
    }
}
