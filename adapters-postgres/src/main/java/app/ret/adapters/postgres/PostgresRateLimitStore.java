package app.ret.adapters.postgres;

import app.ret.domain.ratelimit.FixedWindow;
import app.ret.domain.ratelimit.RateLimit;
import app.ret.domain.ratelimit.RateLimitDecision;
import app.ret.domain.ratelimit.RateLimitKey;
import app.ret.ports.out.RateLimitStore;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Fixed-window counters in PostgreSQL, shared by every instance on the database. A check is one
 * statement, one round trip: an upsert that, under the row lock PostgreSQL takes on the key, opens
 * a new window when the old one has closed, counts the request when the window has room, and
 * records whether it did; the domain's {@link RateLimit#admit} then turns the stored window into the
 * decision, by the same rule the statement applied. Several stores share the table, each in its own
 * namespace (the API limit and login throttling never count into each other). Once per window
 * length, a check also deletes windows that have closed, so the table holds only live keys.
 */
public final class PostgresRateLimitStore implements RateLimitStore {
    private static final String ACQUIRE = """
            INSERT INTO rate_limit_windows AS w (namespace, key, ends_at, admitted, last_request_counted)
            VALUES (?, ?, ?, 1, true)
            ON CONFLICT (namespace, key) DO UPDATE SET
                ends_at = CASE WHEN w.ends_at <= ? THEN excluded.ends_at ELSE w.ends_at END,
                admitted = CASE WHEN w.ends_at <= ? THEN 1 WHEN w.admitted < ? THEN w.admitted + 1 ELSE w.admitted END,
                last_request_counted = (w.ends_at <= ? OR w.admitted < ?)
            RETURNING ends_at, admitted, last_request_counted""";

    private final PostgresDatabase database;
    private final String namespace;
    private final AtomicLong nextSweepEpochMilli = new AtomicLong(Long.MIN_VALUE);

    /** {@code namespace} separates this store's keys from other stores' in the same table ({@code api}, {@code login}). */
    public PostgresRateLimitStore(PostgresDatabase database, String namespace) {
        if (namespace == null || namespace.isBlank()) {
            throw new IllegalArgumentException("a rate-limit store needs a namespace");
        }
        this.database = database;
        this.namespace = namespace;
    }

    @Override
    public RateLimitDecision acquire(RateLimitKey key, RateLimit policy, Instant now) {
        sweepIfDue(policy, now);
        FixedWindow counted = database.autocommit(connection -> {
            try (PreparedStatement upsert = connection.prepareStatement(ACQUIRE)) {
                upsert.setString(1, namespace);
                upsert.setString(2, key.value());
                Timestamps.set(upsert, 3, now.plus(policy.window()));
                Timestamps.set(upsert, 4, now);
                Timestamps.set(upsert, 5, now);
                upsert.setInt(6, policy.limit());
                Timestamps.set(upsert, 7, now);
                upsert.setInt(8, policy.limit());
                try (ResultSet row = upsert.executeQuery()) {
                    row.next();
                    int admitted = row.getInt("admitted");
                    // The window as this request found it: one fewer when the request was counted.
                    return new FixedWindow(Timestamps.get(row, "ends_at"), row.getBoolean("last_request_counted") ? admitted - 1 : admitted);
                }
            }
        });
        return policy.admit(counted, now);
    }

    @Override
    public void release(RateLimitKey key, RateLimitDecision.Allowed grant) {
        database.autocommit(connection -> {
            try (PreparedStatement update = connection.prepareStatement("UPDATE rate_limit_windows SET admitted = admitted - 1"
                    + " WHERE namespace = ? AND key = ? AND ends_at = ? AND admitted > 0")) {
                update.setString(1, namespace);
                update.setString(2, key.value());
                Timestamps.set(update, 3, grant.windowEndsAt());
                return update.executeUpdate();
            }
        });
    }

    @Override
    public void clear(RateLimitKey key) {
        database.autocommit(connection -> {
            try (PreparedStatement delete = connection.prepareStatement("DELETE FROM rate_limit_windows WHERE namespace = ? AND key = ?")) {
                delete.setString(1, namespace);
                delete.setString(2, key.value());
                return delete.executeUpdate();
            }
        });
    }

    private void sweepIfDue(RateLimit policy, Instant now) {
        long due = nextSweepEpochMilli.get();
        if (now.toEpochMilli() < due || !nextSweepEpochMilli.compareAndSet(due, now.toEpochMilli() + policy.window().toMillis())) {
            return;
        }
        database.autocommit(connection -> {
            try (PreparedStatement delete = connection.prepareStatement(
                    "DELETE FROM rate_limit_windows WHERE namespace = ? AND ends_at <= ?")) {
                delete.setString(1, namespace);
                Timestamps.set(delete, 2, now);
                return delete.executeUpdate();
            }
        });
    }
}
