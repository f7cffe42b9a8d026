package app.ret.ports.out;

import static org.assertj.core.api.Assertions.assertThat;

import app.ret.domain.cleanup.RemovedResource;
import app.ret.domain.search.IndexedRow;
import app.ret.domain.search.SearchQuery;
import app.ret.domain.session.SessionId;
import app.ret.ports.testing.SampleData;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What every {@link SearchIndex} must do; adapters extend this. Sessions here need not exist: the index only knows their ids. */
public abstract class SearchIndexContract {
    protected static final long NO_LIMIT = Long.MAX_VALUE;
    private static final List<String> COLUMNS = List.of("doi", "title", "journal");

    protected final SessionId session = SampleData.newSessionId();
    private final SessionId other = SampleData.newSessionId();

    protected abstract SearchIndex index();

    protected static IndexedRow row(String path, long row, String... values) {
        return IndexedRow.of(path, row, COLUMNS, List.of(values));
    }

    protected static SearchQuery query(String raw) {
        return ((SearchQuery.Parsed.Valid) SearchQuery.parse(raw)).query();
    }

    protected void indexed(SessionId owner, String path, IndexedRow... rows) {
        try (SearchIndex.Writer writer = index().replace(owner, path, NO_LIMIT)) {
            for (IndexedRow row : rows) {
                assertThat(writer.add(row)).isTrue();
            }
            assertThat(writer.commit()).isTrue();
        }
    }

    private List<String> found(SessionId owner, String raw) {
        return index().search(owner, query(raw), SearchQuery.MAX_LIMIT).stream().map(hit -> hit.path() + "#" + hit.row()).toList();
    }

    private void crossrefRows() {
        indexed(session, "output/a.csv",
                row("output/a.csv", 1, "10.5555/ABC-1", "Journal article about salmon", "Fish Review"),
                row("output/a.csv", 2, "10.5555/xyz-2", "A study of trout", "Journal of Rivers"));
        indexed(session, "output/b.csv", row("output/b.csv", 1, "10.1000/q", "Salmon and trout", "Fish Review"));
    }

    @Test
    void aRowIsFoundByAWordOfAnyCellAndComesBackWhole() {
        crossrefRows();

        List<IndexedRow> hits = index().search(session, query("trout"), 10);

        assertThat(hits).extracting(hit -> hit.path() + "#" + hit.row()).containsExactlyInAnyOrder("output/a.csv#2", "output/b.csv#1");
        assertThat(hits).contains(row("output/a.csv", 2, "10.5555/xyz-2", "A study of trout", "Journal of Rivers"));
    }

    @Test
    void everyTermMustMatchAndCaseAndPunctuationDoNotCount() {
        crossrefRows();

        assertThat(found(session, "SALMON fish")).containsExactlyInAnyOrder("output/a.csv#1", "output/b.csv#1");
        assertThat(found(session, "salmon rivers")).isEmpty();
        assertThat(found(session, "10.5555/abc-1")).containsExactly("output/a.csv#1");
    }

    @Test
    void aPhraseMatchesItsWordsNextToEachOtherInOrder() {
        crossrefRows();

        assertThat(found(session, "\"salmon and trout\"")).containsExactly("output/b.csv#1");
        assertThat(found(session, "\"trout and salmon\"")).isEmpty();
        assertThat(found(session, "\"journal article\"")).containsExactly("output/a.csv#1");
    }

    @Test
    void aStarMatchesWordsBeginningWithThePrefix() {
        crossrefRows();

        assertThat(found(session, "jour*")).containsExactlyInAnyOrder("output/a.csv#1", "output/a.csv#2");
        assertThat(found(session, "\"fish rev\"*")).containsExactlyInAnyOrder("output/a.csv#1", "output/b.csv#1");
        assertThat(found(session, "jour")).isEmpty();
    }

    @Test
    void rowsWhereTheTermsWeighMoreComeFirst() {
        indexed(session, "output/r.csv",
                row("output/r.csv", 1, "x", "a long title that mentions herring once among many other words of no interest", "y"),
                row("output/r.csv", 2, "herring", "herring herring", "herring"),
                row("output/r.csv", 3, "z", "herring twice: herring", "w"));

        assertThat(found(session, "herring")).containsExactly("output/r.csv#2", "output/r.csv#3", "output/r.csv#1");
    }

    @Test
    void theLimitCapsTheHits() {
        List<IndexedRow> rows = new ArrayList<>();
        for (int i = 1; i <= 30; i++) {
            rows.add(row("output/many.csv", i, "10.1/" + i, "cod number " + i, "Sea"));
        }
        indexed(session, "output/many.csv", rows.toArray(IndexedRow[]::new));

        assertThat(index().search(session, query("cod"), 7)).hasSize(7);
        assertThat(index().search(session, query("cod"), 200)).hasSize(30);
    }

    @Test
    void aSessionNeverFindsAnotherSessionsRows() {
        crossrefRows();
        indexed(other, "output/a.csv", row("output/a.csv", 1, "10.9/other", "salmon of the other session", "Other"));

        assertThat(found(other, "salmon")).containsExactly("output/a.csv#1");
        assertThat(found(session, "other")).isEmpty();
        assertThat(found(SampleData.newSessionId(), "salmon")).isEmpty();
    }

    @Test
    void indexingAFileAgainReplacesItsRows() {
        crossrefRows();
        indexed(session, "output/a.csv", row("output/a.csv", 1, "10.5555/new", "Pike only", "Lakes"));

        assertThat(found(session, "salmon")).containsExactly("output/b.csv#1");
        assertThat(found(session, "pike")).containsExactly("output/a.csv#1");
    }

    @Test
    void nothingIsVisibleBeforeTheCommitAndAnUncommittedWriterKeepsNothing() {
        crossrefRows();
        try (SearchIndex.Writer writer = index().replace(session, "output/a.csv", NO_LIMIT)) {
            writer.add(row("output/a.csv", 1, "10.1/c", "carp", "Ponds"));
            assertThat(found(session, "carp")).isEmpty();
            assertThat(found(session, "\"journal article\"")).containsExactly("output/a.csv#1");
        }

        assertThat(found(session, "carp")).isEmpty();
        assertThat(found(session, "\"journal article\"")).containsExactly("output/a.csv#1");
    }

    @Test
    void aFileOverTheBudgetIsRefusedAndTheIndexStaysAsItWas() {
        crossrefRows();
        long before = index().bytes(session);
        assertThat(before).isPositive();

        boolean accepted = true;
        boolean committed;
        try (SearchIndex.Writer writer = index().replace(session, "output/a.csv", before + 1)) {
            for (int i = 1; i <= 20_000 && accepted; i++) {
                accepted = writer.add(row("output/a.csv", i, "10.1/" + i, "eel " + "padding words ".repeat(20) + i, "Sea"));
            }
            committed = writer.commit();
        }

        assertThat(accepted).as("the budget is hit before 20,000 rows").isFalse();
        assertThat(committed).isFalse();
        assertThat(found(session, "eel")).isEmpty();
        assertThat(found(session, "\"journal article\"")).containsExactly("output/a.csv#1");
    }

    @Test
    void removingAFileDropsItsRowsOnly() {
        crossrefRows();

        assertThat(index().remove(session, "output/a.csv")).isTrue();
        assertThat(index().remove(session, "output/a.csv")).isFalse();

        assertThat(found(session, "fish")).containsExactly("output/b.csv#1");
    }

    /** ADR 0013 item 16: an index job checks its file before it commits, so a removal must not slip in between and miss the rows. */
    @Test
    void aRemovalDuringAWritersBuildWaitsForItAndRemovesTheRowsItCommitted() throws Exception {
        indexed(session, "output/a.csv", row("output/a.csv", 1, "10.1/old", "old carp", "Ponds"));
        Thread remover;
        try (SearchIndex.Writer writer = index().replace(session, "output/a.csv", NO_LIMIT)) {
            assertThat(writer.add(row("output/a.csv", 1, "10.1/new", "new carp", "Ponds"))).isTrue();
            remover = new Thread(() -> index().remove(session, "output/a.csv"));
            remover.start();
            remover.join(500);
            assertThat(remover.isAlive()).as("the removal waits for the writer's commit").isTrue();
            assertThat(writer.commit()).isTrue();
        }
        remover.join(10_000);

        assertThat(remover.isAlive()).isFalse();
        assertThat(found(session, "carp")).as("the rows the writer committed are gone with the file").isEmpty();
    }

    @Test
    void theIndexTakesBytesThatGrowWithItsRows() {
        assertThat(index().bytes(session)).isZero();
        indexed(session, "output/one.csv", row("output/one.csv", 1, "a", "b", "c"));
        long small = index().bytes(session);
        List<IndexedRow> rows = new ArrayList<>();
        for (int i = 1; i <= 2_000; i++) {
            rows.add(row("output/big.csv", i, "10.1/" + i, "a title with several words number " + i, "Journal " + i));
        }
        indexed(session, "output/big.csv", rows.toArray(IndexedRow[]::new));

        assertThat(small).isPositive();
        assertThat(index().bytes(session)).isGreaterThan(small);
    }

    @Test
    void purgingASessionRemovesAllItsRowsCountsThemAndLeavesOthers() {
        crossrefRows();
        indexed(other, "output/a.csv", row("output/a.csv", 1, "10.9/other", "salmon", "Other"));

        assertThat(index().purge(session).count(RemovedResource.INDEX_ROWS)).isEqualTo(3);
        assertThat(index().purge(session).count(RemovedResource.INDEX_ROWS)).isZero();

        assertThat(found(session, "salmon")).isEmpty();
        assertThat(index().bytes(session)).isZero();
        assertThat(found(other, "salmon")).containsExactly("output/a.csv#1");
    }

    @Test
    void orphanedIndexesAreRemovedAndLiveOnesKept() {
        crossrefRows();
        indexed(other, "output/a.csv", row("output/a.csv", 1, "10.9/other", "salmon", "Other"));

        assertThat(index().purgeOrphans(session::equals).count(RemovedResource.INDEX_ROWS)).isEqualTo(1);

        assertThat(found(other, "salmon")).isEmpty();
        assertThat(found(session, "salmon")).hasSize(2);
    }

    @Test
    void wordsInUnicodeAndDigitsAreWordsToo() {
        indexed(session, "output/u.csv", row("output/u.csv", 1, "10.1/ü", "Über die Forelle – 2024年 研究", "Zeitschrift"));

        assertThat(found(session, "über")).containsExactly("output/u.csv#1");
        assertThat(found(session, "forelle 2024年")).containsExactly("output/u.csv#1");
    }
}
