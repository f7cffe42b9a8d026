package app.ret.adapters.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import app.ret.ports.out.CacheTier;
import app.ret.ports.out.CacheTierContract;
import app.ret.ports.testing.ReopenableStore;
import java.nio.file.Path;
import java.sql.ResultSet;
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
