package app.ret.adapters.sqlite;

import app.ret.domain.cache.CacheCounters;
import app.ret.domain.cache.CacheEntry;
import app.ret.domain.cache.CacheEntrySummary;
import app.ret.domain.cache.CacheKey;
import app.ret.domain.cache.CacheKeyPrefix;
import app.ret.domain.cache.CacheStatistics;
import app.ret.ports.out.CacheTier;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The durable tier: one row per entry, committed (WAL, {@code synchronous=FULL}) before
 * {@link #put} returns. Expired rows are filtered out of every read and removed by
 * {@link #purgeExpired} in bounded batches, each its own short transaction. Prefixes are matched
 * as a key range on the primary key ({@code key >= prefix AND key < prefix.upperBound()}), never with
 * {@code LIKE}, whose {@code _} and {@code %} are wildcards and which ignores case.
 */
public final class SqliteCacheTier implements CacheTier {
    private static final String LIVE = "(expires_at IS NULL OR expires_at > ?)";

    private final SqliteDatabase database;
    private final CacheCounters counters = new CacheCounters();

    public SqliteCacheTier(SqliteDatabase database) {
        this.database = database;
    }

    @Override
    public Optional<CacheEntry> get(CacheKey key, Instant now) {
        Optional<CacheEntry> found = database.read(sql -> {
            PreparedStatement select = sql.prepare(
                    "SELECT value, created_at, expires_at FROM cache_entries WHERE key = ? AND " + LIVE);
            select.setString(1, key.value());
            select.setLong(2, now.toEpochMilli());
            try (ResultSet rows = select.executeQuery()) {
                if (!rows.next()) {
                    return Optional.empty();
                }
                return Optional.of(new CacheEntry(key, rows.getBytes(1), Instant.ofEpochMilli(rows.getLong(2)), expiry(rows, 3)));
            }
        });
        counters.read(found.isPresent());
        return found;
    }

    @Override
    public void put(CacheEntry entry) {
        database.write(sql -> {
            PreparedStatement upsert = sql.prepare("""
                    INSERT INTO cache_entries(key, value, size, created_at, expires_at) VALUES (?, ?, ?, ?, ?)
                    ON CONFLICT(key) DO UPDATE SET value = excluded.value, size = excluded.size,
                        created_at = excluded.created_at, expires_at = excluded.expires_at""");
            upsert.setString(1, entry.key().value());
            upsert.setBytes(2, entry.value());
            upsert.setInt(3, entry.size());
            upsert.setLong(4, entry.createdAt().toEpochMilli());
            if (entry.expiresAt().isPresent()) {
                upsert.setLong(5, entry.expiresAt().get().toEpochMilli());
            } else {
                upsert.setNull(5, Types.INTEGER);
            }
            return upsert.executeUpdate();
        });
    }

    @Override
    public boolean delete(CacheKey key, Instant now) {
        return database.write(sql -> {
            PreparedStatement delete = sql.prepare("DELETE FROM cache_entries WHERE key = ? RETURNING " + LIVE);
            delete.setString(1, key.value());
            delete.setLong(2, now.toEpochMilli());
            try (ResultSet removed = delete.executeQuery()) {
                return removed.next() && removed.getBoolean(1);
            }
        });
    }

    @Override
    public Set<CacheKey> deleteByPrefix(CacheKeyPrefix prefix, Instant now) {
        return database.write(sql -> {
            PreparedStatement delete = sql.prepare(
                    "DELETE FROM cache_entries WHERE key >= ? AND key < ? RETURNING key, " + LIVE);
            delete.setString(1, prefix.value());
            delete.setString(2, prefix.upperBound());
            delete.setLong(3, now.toEpochMilli());
            Set<CacheKey> removedLive = new HashSet<>();
            try (ResultSet removed = delete.executeQuery()) {
                while (removed.next()) {
                    if (removed.getBoolean(2)) {
                        removedLive.add(new CacheKey(removed.getString(1)));
                    }
                }
            }
            return removedLive;
        });
    }

    @Override
    public List<CacheEntrySummary> list(CacheKeyPrefix prefix, Instant now) {
        return database.read(sql -> {
            PreparedStatement select = sql.prepare("SELECT key, size, created_at, expires_at FROM cache_entries"
                    + " WHERE key >= ? AND key < ? AND " + LIVE + " ORDER BY key");
            select.setString(1, prefix.value());
            select.setString(2, prefix.upperBound());
            select.setLong(3, now.toEpochMilli());
            List<CacheEntrySummary> live = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    live.add(new CacheEntrySummary(new CacheKey(rows.getString(1)), rows.getLong(2),
                            Instant.ofEpochMilli(rows.getLong(3)), expiry(rows, 4)));
                }
            }
            return live;
        });
    }

    @Override
    public int purgeExpired(Instant now, int limit) {
        int purged = database.write(sql -> {
            PreparedStatement delete = sql.prepare("DELETE FROM cache_entries WHERE rowid IN"
                    + " (SELECT rowid FROM cache_entries WHERE expires_at <= ? LIMIT ?)");
            delete.setLong(1, now.toEpochMilli());
            delete.setInt(2, limit);
            return delete.executeUpdate();
        });
        counters.evicted(purged);
        return purged;
    }

    @Override
    public CacheStatistics statistics() {
        return counters.statistics();
    }

    private static Optional<Instant> expiry(ResultSet rows, int column) throws SQLException {
        long millis = rows.getLong(column);
        return rows.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(millis));
    }
}
