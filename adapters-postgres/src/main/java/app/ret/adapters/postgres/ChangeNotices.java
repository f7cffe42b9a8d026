package app.ret.adapters.postgres;

import app.ret.domain.cache.CacheKey;
import app.ret.domain.cache.CacheKeyPrefix;
import app.ret.domain.cluster.InstanceId;
import app.ret.domain.session.SessionId;
import app.ret.ports.in.PeerChangesUseCase;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Objects;
import java.util.Set;

/**
 * Notices of changes to shared state that other instances keep copies of or wait for, sent with
 * PostgreSQL's {@code NOTIFY} on one channel from inside the writing transaction: PostgreSQL delivers
 * them when, and only if, that transaction commits, so a notice never announces a change that
 * rolled back, and is never lost for a change that committed while a listener was connected. Each
 * payload names the instance that wrote, so an instance skips its own:
 * {@code <origin> key <cache key>}, {@code <origin> prefix <cache key prefix>}, {@code <origin> jobs},
 * {@code <origin> session <session id> <acknowledgement channel>}. An ended session is the one change
 * acknowledged: each instance that heard it answers on the channel once it refuses the session, and
 * the ending waits for those answers, so no instance accepts the session after the ending returned.
 */
public record ChangeNotices(InstanceId origin) {
    static final String CHANNEL = "ret_changes";
    private static final String KEY = "key";
    private static final String PREFIX = "prefix";
    private static final String JOBS = "jobs";
    private static final String SESSION = "session";

    public ChangeNotices {
        Objects.requireNonNull(origin, "origin");
    }

    /** A select-list expression announcing the change of the cache key in column {@code keyColumn}; one parameter (the origin). */
    static String keyNoticeOf(String keyColumn) {
        return "pg_notify('" + CHANNEL + "', ? || ' " + KEY + " ' || " + keyColumn + ")";
    }

    /** A select-list expression announcing due jobs; one parameter (the origin). */
    static String jobsNotice() {
        return "pg_notify('" + CHANNEL + "', ? || ' " + JOBS + "')";
    }

    void prefixDeleted(Connection connection, CacheKeyPrefix prefix) throws SQLException {
        send(connection, PREFIX + " " + prefix.value());
    }

    void jobsQueued(Connection connection) throws SQLException {
        send(connection, JOBS);
    }

    /**
     * Announces, in the caller's transaction, that the session ended, asking for acknowledgements on
     * {@code acknowledgeOn}; the other instances listening now, which must acknowledge.
     */
    Set<String> sessionEnded(Connection connection, SessionId id, String acknowledgeOn) throws SQLException {
        try (PreparedStatement notify = connection.prepareStatement("SELECT pg_notify('" + CHANNEL + "', ?), ARRAY(SELECT"
                + " substr(application_name, length(?) + 1) FROM pg_stat_activity WHERE datname = current_database()"
                + " AND starts_with(application_name, ?) AND application_name <> ?)")) {
            notify.setString(1, origin.value() + " " + SESSION + " " + id.value() + " " + acknowledgeOn);
            notify.setString(2, PostgresChangeListener.APPLICATION_NAME_PREFIX);
            notify.setString(3, PostgresChangeListener.APPLICATION_NAME_PREFIX);
            notify.setString(4, PostgresChangeListener.APPLICATION_NAME_PREFIX + origin.value());
            try (ResultSet row = notify.executeQuery()) {
                row.next();
                Array listening = row.getArray(2);
                return Set.of((String[]) listening.getArray());
            }
        }
    }

    /** Tells the instance that ended a session, listening on {@code channel}, that this one refuses it now. */
    void acknowledge(Connection connection, String channel) throws SQLException {
        try (PreparedStatement notify = connection.prepareStatement("SELECT pg_notify(?, ?)")) {
            notify.setString(1, channel);
            notify.setString(2, origin.value());
            notify.execute();
        }
    }

    private void send(Connection connection, String what) throws SQLException {
        try (PreparedStatement notify = connection.prepareStatement("SELECT pg_notify('" + CHANNEL + "', ?)")) {
            notify.setString(1, origin.value() + " " + what);
            notify.execute();
        }
    }

    /** How a notice that asks for it is acknowledged: on the channel it names. */
    @FunctionalInterface
    interface Acknowledger {
        void acknowledgeOn(String channel) throws SQLException;
    }

    /**
     * Hands a received payload to {@code peers}, unless this instance sent it, then acknowledges it
     * when it asks for that; false for a payload it does not understand.
     */
    boolean deliver(String payload, PeerChangesUseCase peers, Acknowledger acknowledger) throws SQLException {
        String[] parts = payload.split(" ", 3);
        if (parts.length < 2) {
            return false;
        }
        if (parts[0].equals(origin.value())) {
            return true;
        }
        switch (parts[1]) {
            case KEY -> {
                if (parts.length < 3 || !CacheKey.isValid(parts[2])) {
                    return false;
                }
                peers.cacheEntryChanged(new CacheKey(parts[2]));
            }
            case PREFIX -> {
                if (parts.length < 3 || !CacheKey.isValid(parts[2])) {
                    return false;
                }
                peers.cacheEntriesChanged(new CacheKeyPrefix(parts[2]));
            }
            case JOBS -> peers.jobsQueued();
            case SESSION -> {
                String[] ended = parts.length < 3 ? new String[0] : parts[2].split(" ", 2);
                if (ended.length < 2 || !SessionId.isValid(ended[0])) {
                    return false;
                }
                peers.sessionEnded(new SessionId(ended[0]));
                acknowledger.acknowledgeOn(ended[1]);
            }
            default -> {
                return false;
            }
        }
        return true;
    }
}
