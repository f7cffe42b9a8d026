package app.ret.adapters.postgres;

import app.ret.domain.cache.CacheKey;
import app.ret.domain.cache.CacheKeyPrefix;
import app.ret.domain.cluster.InstanceId;
import app.ret.ports.in.PeerChangesUseCase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Objects;

/**
 * Notices of changes to shared state that other instances keep copies of or wait for, sent with
 * PostgreSQL's {@code NOTIFY} on one channel from inside the writing transaction: PostgreSQL delivers
 * them when, and only if, that transaction commits, so a notice never announces a change that
 * rolled back, and is never lost for a change that committed while a listener was connected. Each
 * payload names the instance that wrote, so an instance skips its own:
 * {@code <origin> key <cache key>}, {@code <origin> prefix <cache key prefix>}, {@code <origin> jobs}.
 */
public record ChangeNotices(InstanceId origin) {
    static final String CHANNEL = "ret_changes";
    private static final String KEY = "key";
    private static final String PREFIX = "prefix";
    private static final String JOBS = "jobs";

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

    private void send(Connection connection, String what) throws SQLException {
        try (PreparedStatement notify = connection.prepareStatement("SELECT pg_notify('" + CHANNEL + "', ?)")) {
            notify.setString(1, origin.value() + " " + what);
            notify.execute();
        }
    }

    /** Hands a received payload to {@code peers}, unless this instance sent it; false for a payload it does not understand. */
    boolean deliver(String payload, PeerChangesUseCase peers) {
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
            default -> {
                return false;
            }
        }
        return true;
    }
}
