package app.ret.adapters.postgres;

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
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Sessions in PostgreSQL; the ACTIVE → ENDING step is one conditional {@code UPDATE … RETURNING}, so
 * exactly one ending wins. The winning ending sends a {@link ChangeNotices session notice} in its
 * transaction and returns only when every other instance listening has acknowledged it (each drops
 * the session it held in memory first), or {@code acknowledgementWait} ran out: a session ended here
 * is refused by every instance at the next request.
 */
public final class PostgresSessionStore implements SessionStore {
    private static final System.Logger LOG = System.getLogger(PostgresSessionStore.class.getName());
    private static final String COLUMNS =
            "id, username, role, created_at, last_seen_at, idle_timeout_ms, absolute_timeout_ms, status, end_reason";
    private static final String ORDER = " ORDER BY created_at, id";
    private static final String MILLIS = " * interval '1 millisecond'";

    private final PostgresDatabase database;
    private final ChangeNotices notices;
    private final Duration acknowledgementWait;

    public PostgresSessionStore(PostgresDatabase database, ChangeNotices notices, Duration acknowledgementWait) {
        this.database = database;
        this.notices = notices;
        this.acknowledgementWait = acknowledgementWait;
    }

    /** A session marked ending, and the instances that must acknowledge its notice on {@code channel}. */
    private record Ending(Optional<Session> marked, String channel, Set<String> listening) {}

    @Override
    public void insert(Session session) {
        database.autocommit(connection -> {
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO sessions(" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                insert.setString(1, session.id().value());
                insert.setString(2, session.username().value());
                insert.setString(3, session.role().wireName());
                Timestamps.set(insert, 4, session.createdAt());
                Timestamps.set(insert, 5, session.lastSeenAt());
                insert.setLong(6, session.timeouts().idle().toMillis());
                insert.setLong(7, session.timeouts().absolute().toMillis());
                insert.setString(8, session.status().name());
                insert.setString(9, session.endReason().map(EndReason::wireName).orElse(null));
                return insert.executeUpdate();
            }
        });
    }

    @Override
    public Optional<Session> find(SessionId id) {
        return database.autocommit(connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT " + COLUMNS + " FROM sessions WHERE id = ?")) {
                select.setString(1, id.value());
                return all(select).stream().findFirst();
            }
        });
    }

    @Override
    public void touch(SessionId id, Instant seenAt) {
        database.autocommit(connection -> {
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE sessions SET last_seen_at = ? WHERE id = ? AND status = 'ACTIVE' AND last_seen_at < ?")) {
                Timestamps.set(update, 1, seenAt);
                update.setString(2, id.value());
                Timestamps.set(update, 3, seenAt);
                return update.executeUpdate();
            }
        });
    }

    @Override
    public Optional<Session> markEnding(SessionId id, EndReason reason, Instant claimedUntil) {
        return database.transaction(connection -> {
            String channel = Acknowledgements.listenIn(connection);
            try (PreparedStatement update = connection.prepareStatement("UPDATE sessions SET status = 'ENDING', end_reason = ?,"
                    + " cleanup_claimed_until = ? WHERE id = ? AND status = 'ACTIVE' RETURNING " + COLUMNS)) {
                update.setString(1, reason.wireName());
                Timestamps.set(update, 2, claimedUntil);
                update.setString(3, id.value());
                Optional<Session> marked = all(update).stream().findFirst();
                return new Ending(marked, channel, marked.isPresent() ? notices.sessionEnded(connection, id, channel) : Set.of());
            }
        }, (connection, ending) -> {
            try (Acknowledgements acknowledgements = Acknowledgements.on(connection, ending.channel())) {
                Set<String> silent = acknowledgements.await(ending.listening(), acknowledgementWait);
                if (!silent.isEmpty()) {
                    LOG.log(System.Logger.Level.WARNING, "session {0} ended, but instances {1} did not acknowledge it within {2} ms;"
                            + " they refuse it once the notice reaches them", id, silent, acknowledgementWait.toMillis());
                }
            }
            return ending.marked();
        });
    }

    @Override
    public boolean delete(SessionId id) {
        return database.autocommit(connection -> {
            try (PreparedStatement delete = connection.prepareStatement("DELETE FROM sessions WHERE id = ?")) {
                delete.setString(1, id.value());
                return delete.executeUpdate() == 1;
            }
        });
    }

    @Override
    public List<Session> listActive() {
        return database.autocommit(connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT " + COLUMNS + " FROM sessions WHERE status = 'ACTIVE'" + ORDER)) {
                return all(select);
            }
        });
    }

    @Override
    public List<Session> listActiveOf(Username username) {
        return database.autocommit(connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT " + COLUMNS + " FROM sessions WHERE username = ? AND status = 'ACTIVE'" + ORDER)) {
                select.setString(1, username.value());
                return all(select);
            }
        });
    }

    /** Sessions another instance is claiming right now are skipped, not waited for: they are its. */
    @Override
    public List<Session> claimUnfinishedEndings(Instant now, Instant claimedUntil) {
        return database.autocommit(connection -> {
            try (PreparedStatement claim = connection.prepareStatement("UPDATE sessions SET cleanup_claimed_until = ? WHERE id IN"
                    + " (SELECT id FROM sessions WHERE status = 'ENDING' AND (cleanup_claimed_until IS NULL OR cleanup_claimed_until <= ?)"
                    + " FOR UPDATE SKIP LOCKED) RETURNING " + COLUMNS)) {
                Timestamps.set(claim, 1, claimedUntil);
                Timestamps.set(claim, 2, now);
                return all(claim).stream().sorted(Comparator.comparing(Session::createdAt).thenComparing(session -> session.id().value()))
                        .toList();
            }
        });
    }

    @Override
    public List<Session> listExpired(Instant now) {
        return database.autocommit(connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT " + COLUMNS + " FROM sessions WHERE status = 'ACTIVE'"
                    + " AND (created_at + absolute_timeout_ms" + MILLIS + " <= ? OR last_seen_at + idle_timeout_ms" + MILLIS + " <= ?)"
                    + ORDER)) {
                Timestamps.set(select, 1, now);
                Timestamps.set(select, 2, now);
                return all(select);
            }
        });
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
                Timestamps.get(rows, "created_at"),
                Timestamps.get(rows, "last_seen_at"),
                new SessionTimeouts(Duration.ofMillis(rows.getLong("idle_timeout_ms")), Duration.ofMillis(rows.getLong("absolute_timeout_ms"))),
                SessionStatus.valueOf(rows.getString("status")),
                Optional.ofNullable(rows.getString("end_reason")).map(EndReason::fromWireName));
    }
}
