package app.ret.adapters.postgres;

import app.ret.domain.cache.CacheCounters;
import app.ret.domain.cache.CacheEntry;
import app.ret.domain.cache.CacheEntrySummary;
import app.ret.domain.cache.CacheKey;
import app.ret.domain.cache.CacheKeyPrefix;
import app.ret.domain.cache.CacheStatistics;
import app.ret.ports.out.CacheTier;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The durable tier in PostgreSQL: one row per entry, committed before {@link #put} returns. Every
 * read filters out expired rows by the caller's {@code now}; {@link #purgeExpired} removes them in
 * bounded batches. A prefix is the key range {@code [prefix, prefix.upperBound())} on the primary
 * key ({@code "C"} collation), never a {@code LIKE} pattern. Every write and delete sends its
 * {@link ChangeNotices change notice} in the same statement, so other instances drop their memory
 * copy exactly when the change commits. A retired prefix ({@code cache_retired}) hides its rows
 * from every read until {@link #purgeRetired} has deleted them.
 */
public final class PostgresCacheTier implements CacheTier {
    private static final String LIVE = "(expires_at IS NULL OR expires_at > ?)";
    /** Retirements are few (a logout's, until its purge ran): the check looks at most at those before the key. */
    private static final String NOT_RETIRED = "NOT EXISTS (SELECT 1 FROM cache_retired r"
            + " WHERE r.prefix <= cache_entries.key AND cache_entries.key < r.upper_bound)";

    private final PostgresDatabase database;
    private final ChangeNotices notices;
    private final CacheCounters counters = new CacheCounters();

    public PostgresCacheTier(PostgresDatabase database, ChangeNotices notices) {
        this.database = database;
        this.notices = notices;
    }

    @Override
    public Optional<CacheEntry> get(CacheKey key, Instant now) {
        Optional<CacheEntry> found = database.autocommit(connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT value, created_at, expires_at FROM cache_entries WHERE key = ? AND " + LIVE + " AND " + NOT_RETIRED)) {
                select.setString(1, key.value());
                Timestamps.set(select, 2, now);
                try (ResultSet rows = select.executeQuery()) {
                    if (!rows.next()) {
                        return Optional.empty();
                    }
                    return Optional.of(new CacheEntry(key, rows.getBytes("value"), Timestamps.get(rows, "created_at"),
                            Timestamps.optional(rows, "expires_at")));
                }
            }
        });
        counters.read(found.isPresent());
        return found;
    }

    @Override
    public void put(CacheEntry entry) {
        database.autocommit(connection -> {
            try (PreparedStatement upsert = connection.prepareStatement("""
                    WITH written AS (
                        INSERT INTO cache_entries(key, value, size, created_at, expires_at) VALUES (?, ?, ?, ?, ?)
                        ON CONFLICT (key) DO UPDATE SET value = excluded.value, size = excluded.size,
                            created_at = excluded.created_at, expires_at = excluded.expires_at
                        RETURNING key)
                    SELECT\s""" + ChangeNotices.keyNoticeOf("key") + " FROM written")) {
                upsert.setString(1, entry.key().value());
                upsert.setBytes(2, entry.value());
                upsert.setInt(3, entry.size());
                Timestamps.set(upsert, 4, entry.createdAt());
                Timestamps.set(upsert, 5, entry.expiresAt());
                upsert.setString(6, notices.origin().value());
                return upsert.execute();
            }
        });
    }

    @Override
    public boolean delete(CacheKey key, Instant now) {
        return database.autocommit(connection -> {
            try (PreparedStatement delete = connection.prepareStatement("WITH removed AS (DELETE FROM cache_entries WHERE key = ?"
                    + " RETURNING key, " + LIVE + " AS live) SELECT live, " + ChangeNotices.keyNoticeOf("key") + " FROM removed")) {
                delete.setString(1, key.value());
                Timestamps.set(delete, 2, now);
                delete.setString(3, notices.origin().value());
                try (ResultSet removed = delete.executeQuery()) {
                    return removed.next() && removed.getBoolean(1);
                }
            }
        });
    }

    @Override
    public Set<CacheKey> deleteByPrefix(CacheKeyPrefix prefix, Instant now) {
        return database.transaction(connection -> {
            try (PreparedStatement delete = connection.prepareStatement(
                    "DELETE FROM cache_entries WHERE key >= ? AND key < ? RETURNING key, " + LIVE)) {
                delete.setString(1, prefix.value());
                delete.setString(2, prefix.upperBound());
                Timestamps.set(delete, 3, now);
                Set<CacheKey> removedLive = new HashSet<>();
                try (ResultSet removed = delete.executeQuery()) {
                    while (removed.next()) {
                        if (removed.getBoolean(2)) {
                            removedLive.add(new CacheKey(removed.getString(1)));
                        }
                    }
                }
                notices.prefixDeleted(connection, prefix);
                return removedLive;
            }
        });
    }

    @Override
    public List<CacheEntrySummary> list(CacheKeyPrefix prefix, Instant now) {
        return database.autocommit(connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT key, size, created_at, expires_at FROM cache_entries"
                    + " WHERE key >= ? AND key < ? AND " + LIVE + " AND " + NOT_RETIRED + " ORDER BY key")) {
                select.setString(1, prefix.value());
                select.setString(2, prefix.upperBound());
                Timestamps.set(select, 3, now);
                List<CacheEntrySummary> live = new ArrayList<>();
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        live.add(new CacheEntrySummary(new CacheKey(rows.getString("key")), rows.getLong("size"),
                                Timestamps.get(rows, "created_at"), Timestamps.optional(rows, "expires_at")));
                    }
                }
                return live;
            }
        });
    }

    /**
     * Records the retirement and counts the live entries of the key range (an index-only count on
     * the primary key) in one transaction, which also tells other instances to drop their memory
     * copies.
     */
    @Override
    public int retire(CacheKeyPrefix prefix, Instant now) {
        return database.transaction(connection -> {
            try (PreparedStatement retire = connection.prepareStatement("INSERT INTO cache_retired(prefix, upper_bound, retired_at)"
                    + " VALUES (?, ?, ?) ON CONFLICT (prefix) DO NOTHING");
                 PreparedStatement count = connection.prepareStatement(
                         "SELECT count(*) FROM cache_entries WHERE key >= ? AND key < ? AND " + LIVE)) {
                retire.setString(1, prefix.value());
                retire.setString(2, prefix.upperBound());
                Timestamps.set(retire, 3, now);
                retire.executeUpdate();
                count.setString(1, prefix.value());
                count.setString(2, prefix.upperBound());
                Timestamps.set(count, 3, now);
                int held;
                try (ResultSet rows = count.executeQuery()) {
                    rows.next();
                    held = rows.getInt(1);
                }
                notices.prefixDeleted(connection, prefix);
                return held;
            }
        });
    }

    /**
     * The oldest retirement no other instance is purging, up to {@code limit} rows per
     * transaction; a retirement goes with its last rows, and one with none left is passed over for
     * the next.
     */
    @Override
    public int purgeRetired(int limit) {
        return database.transaction(connection -> {
            while (true) {
                String prefix;
                String upperBound;
                try (PreparedStatement oldest = connection.prepareStatement("SELECT prefix, upper_bound FROM cache_retired"
                        + " ORDER BY retired_at, prefix LIMIT 1 FOR UPDATE SKIP LOCKED");
                     ResultSet rows = oldest.executeQuery()) {
                    if (!rows.next()) {
                        return 0;
                    }
                    prefix = rows.getString(1);
                    upperBound = rows.getString(2);
                }
                int deleted;
                try (PreparedStatement delete = connection.prepareStatement("DELETE FROM cache_entries WHERE key IN"
                        + " (SELECT key FROM cache_entries WHERE key >= ? AND key < ? LIMIT ? FOR UPDATE SKIP LOCKED)")) {
                    delete.setString(1, prefix);
                    delete.setString(2, upperBound);
                    delete.setInt(3, limit);
                    deleted = delete.executeUpdate();
                }
                if (deleted < limit) {
                    try (PreparedStatement done = connection.prepareStatement("DELETE FROM cache_retired WHERE prefix = ?")) {
                        done.setString(1, prefix);
                        done.executeUpdate();
                    }
                }
                if (deleted > 0) {
                    return deleted;
                }
            }
        });
    }

    @Override
    public int purgeExpired(Instant now, int limit) {
        int purged = database.autocommit(connection -> {
            try (PreparedStatement delete = connection.prepareStatement("DELETE FROM cache_entries WHERE key IN"
                    + " (SELECT key FROM cache_entries WHERE expires_at <= ? LIMIT ? FOR UPDATE SKIP LOCKED)")) {
                Timestamps.set(delete, 1, now);
                delete.setInt(2, limit);
                return delete.executeUpdate();
            }
        });
        counters.evicted(purged);
        return purged;
    }

    @Override
    public CacheStatistics statistics() {
        return counters.statistics();
    }
}
