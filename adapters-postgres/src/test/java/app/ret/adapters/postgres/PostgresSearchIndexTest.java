package app.ret.adapters.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import app.ret.adapters.postgres.testing.PostgresTestDatabase;
import app.ret.domain.cleanup.RemovedResource;
import app.ret.ports.out.SearchIndex;
import app.ret.ports.out.SearchIndexContract;
import app.ret.ports.testing.ReopenableStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class PostgresSearchIndexTest extends SearchIndexContract {
    @RegisterExtension
    final ReopenableStore<PostgresDatabase, PostgresSearchIndex> database = TemporaryPostgres.of(getClass(), PostgresSearchIndex::new);
    private final PostgresTestDatabase testDatabase = TemporaryPostgres.databaseOf(getClass());

    @Override
    protected SearchIndex index() {
        return database.store();
    }

    @Test
    void purgingASessionDropsItsTableAndTheTablesFilesLeaveTheDataDirectory() throws SQLException {
        indexed(session, "output/a.csv", row("output/a.csv", 1, "10.1/a", "salmon", "Fish"), row("output/a.csv", 2, "10.1/b", "trout", "Fish"));
        List<Path> files = relationFiles();
        assertThat(files).isNotEmpty().allMatch(Files::exists);

        assertThat(index().purge(session).count(RemovedResource.INDEX_ROWS)).isEqualTo(2);

        assertThat(tablesNamedAfterTheSession()).isEmpty();
        assertThat(files).as("dropped relations are cut to nothing at once").allMatch(PostgresSearchIndexTest::goneOrEmpty);
        try (Connection connection = testDatabase.connect(); Statement statement = connection.createStatement()) {
            statement.execute("CHECKPOINT");
        }
        assertThat(files).as("and unlinked at the next checkpoint").noneMatch(Files::exists);
    }

    private static boolean goneOrEmpty(Path file) {
        try {
            return !Files.exists(file) || Files.size(file) == 0;
        } catch (java.io.IOException e) {
            return !Files.exists(file);
        }
    }

    @Test
    void wordsReachTheDatabaseAsTheyWereCutWhateverItsLocale() {
        assertThat(PostgresSearchIndex.tsvector("über die über 2024年")).isEqualTo("'über':1,3 'die':2 '2024年':4");
        assertThat(PostgresSearchIndex.tsquery(query("\"fish rev\"* über"))).isEqualTo("('fish' <-> 'rev':*) & ('über')");
    }

    /** The files of the session's table and its indexes (and their TOAST), in the server's data directory. */
    private List<Path> relationFiles() throws SQLException {
        Path data = testDatabase.server().dataDirectory();
        List<Path> files = new ArrayList<>();
        try (Connection connection = testDatabase.connect(); Statement statement = connection.createStatement();
             ResultSet paths = statement.executeQuery("SELECT pg_relation_filepath(c.oid) FROM pg_class c"
                     + " WHERE c.relname LIKE 'search\\_" + session.value() + "%'"
                     + " OR c.oid = (SELECT reltoastrelid FROM pg_class WHERE relname = 'search_" + session.value() + "')")) {
            while (paths.next()) {
                if (paths.getString(1) != null) {
                    files.add(data.resolve(paths.getString(1)));
                }
            }
        }
        return files;
    }

    private List<String> tablesNamedAfterTheSession() throws SQLException {
        List<String> names = new ArrayList<>();
        try (Connection connection = testDatabase.connect(); Statement statement = connection.createStatement();
             ResultSet tables = statement.executeQuery("SELECT relname FROM pg_class WHERE relname LIKE '%" + session.value() + "%'")) {
            while (tables.next()) {
                names.add(tables.getString(1));
            }
        }
        return names;
    }
}
