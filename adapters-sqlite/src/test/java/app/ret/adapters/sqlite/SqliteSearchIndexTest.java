package app.ret.adapters.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import app.ret.domain.cleanup.RemovedResource;
import app.ret.domain.search.IndexedCell;
import app.ret.ports.out.SearchIndex;
import app.ret.ports.out.SearchIndexContract;
import app.ret.ports.testing.SampleData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteSearchIndexTest extends SearchIndexContract {
    @TempDir
    Path directory;

    private SqliteSearchIndex index;

    @Override
    protected SearchIndex index() {
        if (index == null) {
            index = new SqliteSearchIndex(directory);
        }
        return index;
    }

    @Test
    void theSqliteBuildHasFts5WithPhrasePrefixAndBm25() throws SQLException {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite::memory:"); var statement = connection.createStatement()) {
            statement.execute("CREATE VIRTUAL TABLE t USING fts5(words)");
            statement.execute("INSERT INTO t VALUES ('journal article about fish'), ('journal article journal article'), ('other words'),"
                    + " ('more words')");
            try (ResultSet rows = statement.executeQuery("SELECT words FROM t WHERE t MATCH '\"journal art\"*' ORDER BY bm25(t)")) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.getString(1)).isEqualTo("journal article journal article");
            }
        }
    }

    @Test
    void aSessionsIndexIsAFileOfItsOwnAndPurgingLeavesNoFileBehind() throws IOException {
        indexed(session, "output/a.csv", row("output/a.csv", 1, "10.1/a", "salmon", "Fish"));
        indexed(session, "output/b.csv", row("output/b.csv", 1, "10.1/b", "trout", "Fish"), row("output/b.csv", 2, "10.1/c", "eel", "Fish"));
        assertThat(directory.resolve(session.value() + ".sqlite")).exists();

        assertThat(index().purge(session).count(RemovedResource.INDEX_ROWS)).isEqualTo(3);

        try (Stream<Path> left = Files.list(directory)) {
            assertThat(left.map(Path::getFileName).map(Path::toString)).noneMatch(name -> name.startsWith(session.value()));
        }
        assertThat(index().search(session, query("salmon"), 10)).isEmpty();
        try (Stream<Path> left = Files.list(directory)) {
            assertThat(left).as("a search does not create an index").isEmpty();
        }
    }

    @Test
    void anotherSessionsFileIsLeftAlone() {
        var other = SampleData.newSessionId();
        indexed(other, "output/a.csv", row("output/a.csv", 1, "10.1/a", "salmon", "Fish"));

        index().purge(session);

        assertThat(directory.resolve(other.value() + ".sqlite")).exists();
    }

    @Test
    void cellsOfAnyTextSurviveTheirEncoding() {
        List<IndexedCell> cells = List.of(new IndexedCell("a:b", "12:x"), new IndexedCell("", "€ 😀\r\n\"quoted\""), new IndexedCell("c", "3:"));

        assertThat(SqliteSearchIndex.CellCodec.decode(SqliteSearchIndex.CellCodec.encode(cells))).isEqualTo(cells);
    }
}
