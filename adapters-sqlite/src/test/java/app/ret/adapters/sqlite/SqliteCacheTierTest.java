package app.ret.adapters.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import app.ret.ports.out.CacheTier;
import app.ret.ports.out.CacheTierContract;
import app.ret.ports.testing.ReopenableStore;
import app.ret.domain.cache.CacheEntry;
import app.ret.domain.cache.CacheKey;
import app.ret.domain.cache.CacheKeyPrefix;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class SqliteCacheTierTest extends CacheTierContract {
    @TempDir
    Path directory;

    @RegisterExtension
    final ReopenableStore<SqliteDatabase, CacheTier> database = TemporaryDatabase.in(() -> directory, SqliteCacheTier::new);

    @Override
    protected CacheTier tier() {
        return database.store();
    }

    @Override
    protected CacheTier reopened() {
        return database.reopened();
    }

    @Test
    void prefixQueriesUseTheKeyIndexAndExpiryPurgesUseTheExpiryIndex() {
        tier();
        String rangePlan = plan("EXPLAIN QUERY PLAN SELECT key, size FROM cache_entries WHERE key >= 'a' AND key < 'b' ORDER BY key");
        String purgePlan = plan("EXPLAIN QUERY PLAN SELECT key FROM cache_entries WHERE expires_at <= 5 LIMIT 10");
        assertThat(rangePlan).contains("SEARCH cache_entries USING PRIMARY KEY (key>? AND key<?)")
                .doesNotContain("TEMP B-TREE");
        assertThat(purgePlan).contains("USING COVERING INDEX cache_entries_by_expiry (expires_at<?)");
    }

    /** P14: the table is keyed by the key itself, so a get descends one B-tree, not the key index and then the rowid table. */
    @Test
    void aPointGetDescendsOneTreeKeyedByTheKey() {
        tier();
        String getPlan = plan("EXPLAIN QUERY PLAN SELECT value, created_at, expires_at FROM cache_entries WHERE key = 'a'");
        assertThat(getPlan).contains("SEARCH cache_entries USING PRIMARY KEY (key=?)").doesNotContain("autoindex");
        assertThat(count("SELECT count(*) FROM pragma_table_list WHERE name = 'cache_entries' AND wr = 1")).isOne();
    }

    /**
     * P10: durable puts of several threads share commits ({@link GroupCommit}); a put that waited
     * behind another write returns only once it is committed, and each is kept across a reopening.
     */
    @Test
    void putsThatWaitedBehindAnotherWriteReturnOnceCommittedAndAreKept() throws Exception {
        tier();
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(5);
        try {
            java.util.concurrent.Future<?> blocker = pool.submit(() -> database.database().write(sql -> {
                try {
                    return release.await(10, java.util.concurrent.TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }));
            java.util.List<java.util.concurrent.Future<?>> puts = new java.util.ArrayList<>();
            for (int i = 0; i < 4; i++) {
                String key = "session:s1:state:k" + i;
                puts.add(pool.submit(() -> tier().put(entry(key, "v", T0, MINUTE))));
            }
            Thread.sleep(200);
            assertThat(puts).as("none returns before it is committed").noneMatch(java.util.concurrent.Future::isDone);
            release.countDown();
            blocker.get();
            for (java.util.concurrent.Future<?> put : puts) {
                put.get(10, java.util.concurrent.TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        CacheTier reopened = reopened();
        for (int i = 0; i < 4; i++) {
            assertThat(reopened.get(new CacheKey("session:s1:state:k" + i), T0)).isPresent();
        }
    }

    /**
     * A database written before the table was keyed by its key (schema version 7) keeps its
     * entries, their namespace counts, their retirements and their expiry through the upgrade, and
     * the counting triggers go on working on the rebuilt table.
     */
    @Test
    void anUpgradedDatabaseKeepsItsEntriesCountsRetirementsAndExpiry() throws Exception {
        Path file = directory.resolve("version-7.db");
        try (Connection old = DriverManager.getConnection("jdbc:sqlite:" + file); Statement statement = old.createStatement()) {
            statement.execute("CREATE TABLE schema_version (version INTEGER PRIMARY KEY, description TEXT NOT NULL, applied_at INTEGER NOT NULL)");
            for (Migration migration : SchemaMigrations.ALL.stream().filter(migration -> migration.version() <= 7).toList()) {
                for (String sql : migration.statements()) {
                    statement.execute(sql);
                }
                statement.execute("INSERT INTO schema_version VALUES (" + migration.version() + ", 'old', 0)");
            }
            statement.execute("INSERT INTO cache_entries(key, value, size, created_at, expires_at) VALUES"
                    + " ('session:s1:state:a', x'41', 1, 0, NULL), ('session:s1:state:b', x'42', 1, 0, NULL),"
                    + " ('session:s2:state:gone', x'43', 1, 0, 1), ('session:s3:state:retired', x'44', 1, 0, NULL)");
            statement.execute("INSERT INTO cache_retired(prefix, upper_bound, retired_at) VALUES ('session:s3:', 'session:s3;', 0)");
        }

        try (SqliteDatabase upgraded = SqliteDatabase.open(file, java.time.Clock.systemUTC())) {
            SqliteCacheTier tier = new SqliteCacheTier(upgraded);
            assertThat(tier.get(new CacheKey("session:s1:state:a"), T0)).map(CacheEntry::value).hasValue(new byte[] {'A'});
            assertThat(tier.get(new CacheKey("session:s3:state:retired"), T0)).as("still retired").isEmpty();
            tier.put(entry("session:s1:state:c", "C", T0, MINUTE));
            assertThat(tier.retire(new CacheKeyPrefix("session:s1:"), T0)).as("counted before and after the upgrade").isEqualTo(3);
            assertThat(tier.purgeExpired(T0, 10)).isOne();
            assertThat(tier.purgeRetired(10)).isEqualTo(1);
            assertThat(tier.purgeRetired(10)).isEqualTo(3);
            assertThat(upgraded.<String>read(sql -> sql.queryString("SELECT count(*) FROM cache_entries"))).isEqualTo("0");
            assertThat(upgraded.<String>read(sql -> sql.queryString("SELECT count(*) FROM cache_namespace_sizes"))).isEqualTo("0");
            assertThat(upgraded.<String>read(sql -> sql.queryString("SELECT count(*) FROM pragma_table_list WHERE name = 'cache_entries' AND wr = 1")))
                    .isEqualTo("1");
        }
    }

    @Test
    void aSessionsEntriesAreCountedWhoeverWroteTheRowsAndThePurgeDeletesThemInBatches() {
        for (int i = 0; i < 3; i++) {
            tier().put(entry("session:s1:state:k" + i, "v", T0, MINUTE));
        }
        database.database().write(sql -> sql.prepare("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1200)"
                + " INSERT INTO cache_entries(key, value, size, created_at) SELECT 'session:s1:state:raw' || i, x'00', 1, 0 FROM n")
                .executeUpdate());

        assertThat(tier().retire(new app.ret.domain.cache.CacheKeyPrefix("session:s1:"), T0)).isEqualTo(1_203);
        assertThat(rows("session:s1:")).as("rows are still there, unreachable").isEqualTo(1_203);
        assertThat(tier().purgeRetired(500)).isEqualTo(500);
        assertThat(tier().purgeRetired(500)).isEqualTo(500);
        assertThat(tier().purgeRetired(500)).isEqualTo(203);
        assertThat(tier().purgeRetired(500)).isZero();
        assertThat(rows("session:s1:")).isZero();
        assertThat(count("SELECT count(*) FROM cache_retired")).isZero();
        assertThat(count("SELECT count(*) FROM cache_namespace_sizes")).isZero();
    }

    private long rows(String prefix) {
        return count("SELECT count(*) FROM cache_entries WHERE substr(key, 1, " + prefix.length() + ") = '" + prefix + "'");
    }

    private long count(String query) {
        return database.database().read(sql -> {
            try (ResultSet rows = sql.prepare(query).executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        });
    }

    private String plan(String query) {
        return database.database().read(sql -> {
            StringBuilder plan = new StringBuilder();
            try (ResultSet rows = sql.prepare(query).executeQuery()) {
                while (rows.next()) {
                    plan.append(rows.getString("detail")).append('\n');
                }
            }
            return plan.toString();
        });
    }
}
