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
 * copy exactly when the change commits.
 */
public final class PostgresCacheTier implements CacheTier {
    private static final String LIVE = "(expires_at IS NULL OR expires_at > ?)";

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
                    "SELECT value, created_at, expires_at FROM cache_entries WHERE key = ? AND " + LIVE)) {
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
                    + " WHERE key >= ? AND key < ? AND " + LIVE + " ORDER BY key")) {
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
