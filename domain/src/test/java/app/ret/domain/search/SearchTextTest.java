package app.ret.domain.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class SearchTextTest {
    @Test
    void asciiValuesAreCutAndLowerCasedAsTheWordsOfAnyText() {
        List<String> values = List.of("10.5555/ABC-1", "  Norma  Haley ", "", "--", "x".repeat(SearchText.MAX_WORD_CHARS + 1) + " Kept");
        String byWords = values.stream().flatMap(value -> SearchText.words(value).stream()).map(SearchText.Word::text)
                .filter(word -> word.length() <= SearchText.MAX_WORD_CHARS).collect(Collectors.joining(" "));

        assertThat(SearchText.normalized(values)).isEqualTo(byWords).isEqualTo("10 5555 abc 1 norma haley kept");
    }

    @Test
    void asciiAndOtherValuesMixInOneText() {
        assertThat(SearchText.normalized(List.of("Émile ZOLA", "Über-Café 3"))).isEqualTo("émile zola über café 3");
    }

    @Test
    void theTextStopsAtItsLimitOnAWholeWord() {
        String word = "w".repeat(99);
        String text = SearchText.normalized(List.of((word + " ").repeat(400)));

        assertThat(text.length()).isLessThanOrEqualTo(SearchText.MAX_INDEXED_CHARS).isGreaterThan(SearchText.MAX_INDEXED_CHARS - 100);
        assertThat(text.split(" ")).allMatch(word::equals);
    }
}
