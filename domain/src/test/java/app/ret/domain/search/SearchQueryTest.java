package app.ret.domain.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SearchQueryTest {
    private static SearchQuery valid(String raw) {
        SearchQuery.Parsed parsed = SearchQuery.parse(raw);
        assertThat(parsed).as(raw).isInstanceOf(SearchQuery.Parsed.Valid.class);
        return ((SearchQuery.Parsed.Valid) parsed).query();
    }

    private static String invalid(String raw) {
        SearchQuery.Parsed parsed = SearchQuery.parse(raw);
        assertThat(parsed).as(raw).isInstanceOf(SearchQuery.Parsed.Invalid.class);
        return ((SearchQuery.Parsed.Invalid) parsed).reason();
    }

    @Test
    void wordsPhrasesAndPrefixesBecomeTerms() {
        assertThat(valid("Salmon \"Fish Review\" jour* \"fish rev\"*").terms()).containsExactly(
                new SearchTerm(List.of("salmon"), false),
                new SearchTerm(List.of("fish", "review"), false),
                new SearchTerm(List.of("jour"), true),
                new SearchTerm(List.of("fish", "rev"), true));
    }

    @Test
    void aWordWithPunctuationIsAPhraseOfItsPartsAndAStarAfterPunctuationIsNoPrefix() {
        assertThat(valid("10.5555/ABC-1").terms()).containsExactly(new SearchTerm(List.of("10", "5555", "abc", "1"), false));
        assertThat(valid("10.5555/*").terms()).containsExactly(new SearchTerm(List.of("10", "5555"), false));
    }

    @Test
    void emptyBlankPunctuationOnlyUnclosedTooLongAndTooManyAreRefusedWithAReason() {
        assertThat(invalid(null)).contains("at least one word");
        assertThat(invalid("   ")).contains("at least one word");
        assertThat(invalid("--- ***")).contains("letters or digits");
        assertThat(invalid("\"unclosed phrase")).contains("closing double quote");
        assertThat(invalid("x".repeat(SearchQuery.MAX_CHARS + 1))).contains(Integer.toString(SearchQuery.MAX_CHARS));
        assertThat(invalid("a ".repeat(SearchQuery.MAX_TERMS + 1))).contains("at most " + SearchQuery.MAX_TERMS);
        assertThat(valid("a ".repeat(SearchQuery.MAX_TERMS)).terms()).hasSize(SearchQuery.MAX_TERMS);
    }

    @Test
    void aRowMatchesWhenEveryTermStandsInItsWords() {
        IndexedRow row = IndexedRow.of("output/a.csv", 1, List.of("title", "journal"), List.of("Über die Forelle", "Fish Review"));

        assertThat(valid("über fish").matches(row)).isTrue();
        assertThat(valid("\"forelle fish\"").matches(row)).as("a phrase may span two cells").isTrue();
        assertThat(valid("über trout").matches(row)).isFalse();
        assertThat(valid("\"die über\"").matches(row)).isFalse();
    }
}
