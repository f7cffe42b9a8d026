package app.ret.domain.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SearchHitTest {
    private static SearchQuery query(String raw) {
        return ((SearchQuery.Parsed.Valid) SearchQuery.parse(raw)).query();
    }

    @Test
    void theSnippetMarksTheMatchedWordsOfTheCellHoldingTheMostTermsAndTheColumnsAreEveryMatchedOne() {
        IndexedRow row = IndexedRow.of("output/a.csv", 3, List.of("keywords", "title", "empty", "abstract"),
                List.of("Metadata; metadata; metadata", "When your best metadata isn't good enough", "", "imperfect"));

        SearchHit hit = SearchHit.of(row, query("imperfect metadata"));

        assertThat(hit.path()).isEqualTo("output/a.csv");
        assertThat(hit.row()).isEqualTo(3);
        assertThat(hit.columns()).containsExactly("keywords", "title", "abstract");
        assertThat(hit.snippet()).containsExactly(new SnippetPart("Metadata", true), new SnippetPart("; ", false),
                new SnippetPart("metadata", true), new SnippetPart("; ", false), new SnippetPart("metadata", true));

        SearchHit both = SearchHit.of(IndexedRow.of("output/a.csv", 1, List.of("a", "b"),
                List.of("metadata metadata metadata", "imperfect metadata")), query("imperfect metadata"));
        assertThat(both.snippet()).containsExactly(new SnippetPart("imperfect", true), new SnippetPart(" ", false),
                new SnippetPart("metadata", true));
    }

    @Test
    void aLongCellIsCutAroundItsFirstMatchBetweenWords() {
        String text = "word ".repeat(100) + "salmon " + "tail ".repeat(100);

        SearchHit hit = SearchHit.of(IndexedRow.of("p", 1, List.of("text"), List.of(text)), query("salmon"));

        String shown = hit.snippet().stream().map(SnippetPart::text).reduce("", String::concat);
        assertThat(hit.snippet().get(0).text()).startsWith("…");
        assertThat(hit.snippet().get(hit.snippet().size() - 1).text()).endsWith("…");
        assertThat(hit.snippet()).contains(new SnippetPart("salmon", true));
        assertThat(shown.length()).isLessThanOrEqualTo(SearchHit.SNIPPET_CHARS + 2);
        assertThat(shown).doesNotContain("wor…").startsWith("…word ");
    }

    @Test
    void aPhraseMatchMarksEachOfItsWordsAndAPrefixTheWholeWord() {
        SearchHit hit = SearchHit.of(IndexedRow.of("p", 1, List.of("t"), List.of("The Journal Article")), query("\"journal art\"*"));

        assertThat(hit.snippet()).containsExactly(new SnippetPart("The ", false), new SnippetPart("Journal", true),
                new SnippetPart(" ", false), new SnippetPart("Article", true));
    }
}
