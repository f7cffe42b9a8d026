package app.ret.adapters.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import app.ret.domain.cache.CacheKey;
import app.ret.ports.out.CacheTier;
import app.ret.ports.out.CacheTierContract;
import app.ret.ports.testing.ReopenableStore;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
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
        String purgePlan = plan("EXPLAIN QUERY PLAN SELECT rowid FROM cache_entries WHERE expires_at <= 5 LIMIT 10");
        assertThat(rangePlan).contains("SEARCH cache_entries USING INDEX sqlite_autoindex_cache_entries_1 (key>? AND key<?)")
                .doesNotContain("TEMP B-TREE");
        assertThat(purgePlan).contains("USING COVERING INDEX cache_entries_by_expiry (expires_at<?)");
    }

    /**
     * P10: durable puts of several threads share commits ({@link GroupCommit}); a put that waited
     * behind another write returns only once it is committed, and each is kept across a reopening.
     */
    @Test
    void putsThatWaitedBehindAnotherWriteReturnOnceCommittedAndAreKept() throws Exception {
        tier();
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(5);
        try {
            Future<?> blocker = pool.submit(() -> database.database().write(sql -> {
                holding.countDown();
                try {
                    return release.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }));
            assertThat(holding.await(10, TimeUnit.SECONDS)).as("the blocking write holds the database").isTrue();
            List<Future<?>> puts = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                String key = "session:s1:state:k" + i;
                puts.add(pool.submit(() -> tier().put(entry(key, "v", T0, MINUTE))));
            }
            Thread.sleep(200);
            assertThat(puts).as("none returns before it is committed").noneMatch(Future::isDone);
            release.countDown();
            blocker.get();
            for (Future<?> put : puts) {
                put.get(10, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        CacheTier reopened = reopened();
        for (int i = 0; i < 4; i++) {
            assertThat(reopened.get(new CacheKey("session:s1:state:k" + i), T0)).isPresent();
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
