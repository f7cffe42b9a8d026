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
 * {@link #put} returns; puts of several threads waiting at once share one commit ({@link GroupCommit}).
 * Expired rows are filtered out of every read and removed by {@link #purgeExpired} in bounded batches, each its own short transaction. Prefixes are matched
 * as a key range on the primary key ({@code key >= prefix AND key < prefix.upperBound()}), never with
 * {@code LIKE}, whose {@code _} and {@code %} are wildcards and which ignores case. A retired
 * prefix ({@code cache_retired}) hides its rows from every read until {@link #purgeRetired} has
 * deleted them.
 */
public final class SqliteCacheTier implements CacheTier {
    private static final String LIVE = "(expires_at IS NULL OR expires_at > ?)";
    /** Retirements are few (a logout's, until its purge ran): the check scans at most those before the key. */
    private static final String NOT_RETIRED = "NOT EXISTS (SELECT 1 FROM cache_retired r"
            + " WHERE r.prefix <= cache_entries.key AND cache_entries.key < r.upper_bound)";

    private final SqliteDatabase database;
    private final GroupCommit puts;
    private final CacheCounters counters = new CacheCounters();

    public SqliteCacheTier(SqliteDatabase database) {
        this.database = database;
        this.puts = new GroupCommit(database);
    }

    @Override
    public Optional<CacheEntry> get(CacheKey key, Instant now) {
        Optional<CacheEntry> found = database.read(sql -> {
            PreparedStatement select = sql.prepare(
                    "SELECT value, created_at, expires_at FROM cache_entries WHERE key = ? AND " + LIVE + " AND " + NOT_RETIRED);
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
        puts.write(sql -> {
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
                    + " WHERE key >= ? AND key < ? AND " + LIVE + " AND " + NOT_RETIRED + " ORDER BY key");
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

    /**
     * One short transaction whatever the prefix holds: the retirement is recorded and the entries
     * are counted from the namespace sizes the triggers keep (a prefix that is not a namespace is
     * counted from its key range).
     */
    @Override
    public int retire(CacheKeyPrefix prefix, Instant now) {
        return database.write(sql -> {
            PreparedStatement retire = sql.prepare("INSERT INTO cache_retired(prefix, upper_bound, retired_at) VALUES (?, ?, ?)"
                    + " ON CONFLICT(prefix) DO NOTHING");
            retire.setString(1, prefix.value());
            retire.setString(2, prefix.upperBound());
            retire.setLong(3, now.toEpochMilli());
            retire.executeUpdate();
            PreparedStatement count;
            if (isNamespace(prefix)) {
                count = sql.prepare("SELECT coalesce(sum(entries), 0) FROM cache_namespace_sizes WHERE namespace = ?");
                count.setString(1, prefix.value());
            } else {
                count = sql.prepare("SELECT count(*) FROM cache_entries WHERE key >= ? AND key < ? AND " + LIVE);
                count.setString(1, prefix.value());
                count.setString(2, prefix.upperBound());
                count.setLong(3, now.toEpochMilli());
            }
            try (ResultSet rows = count.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        });
    }

    /**
     * The oldest retirement first, up to {@code limit} rows in one short transaction; a retirement
     * goes with its last rows, and one with none left is passed over for the next.
     */
    @Override
    public int purgeRetired(int limit) {
        return database.write(sql -> {
            while (true) {
                PreparedStatement oldest = sql.prepare("SELECT prefix, upper_bound FROM cache_retired ORDER BY retired_at, prefix LIMIT 1");
                String prefix;
                String upperBound;
                try (ResultSet rows = oldest.executeQuery()) {
                    if (!rows.next()) {
                        return 0;
                    }
                    prefix = rows.getString(1);
                    upperBound = rows.getString(2);
                }
                PreparedStatement delete = sql.prepare("DELETE FROM cache_entries WHERE rowid IN"
                        + " (SELECT rowid FROM cache_entries WHERE key >= ? AND key < ? LIMIT ?)");
                delete.setString(1, prefix);
                delete.setString(2, upperBound);
                delete.setInt(3, limit);
                int deleted = delete.executeUpdate();
                if (deleted < limit) {
                    PreparedStatement done = sql.prepare("DELETE FROM cache_retired WHERE prefix = ?");
                    done.setString(1, prefix);
                    done.executeUpdate();
                }
                if (deleted > 0) {
                    return deleted;
                }
            }
        });
    }

    /** A key's text up to and including its second {@code :} (such as {@code session:<id>:}), as the counting triggers take it. */
    private static boolean isNamespace(CacheKeyPrefix prefix) {
        String value = prefix.value();
        int first = value.indexOf(':');
        return first >= 0 && value.indexOf(':', first + 1) == value.length() - 1;
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
