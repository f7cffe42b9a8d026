package app.ret.domain.search;

import java.util.List;

/**
 * One thing every hit must contain: a word, or several words in a row (a phrase; a query word
 * such as {@code 10.5555/abc} is one too), the last of them matched as a prefix when the term
 * ended in {@code *}.
 */
public record SearchTerm(List<String> words, boolean prefix) {
    public SearchTerm {
        words = List.copyOf(words);
        if (words.isEmpty()) {
            throw new IllegalArgumentException("a search term has at least one word");
        }
        for (String word : words) {
            if (word.isEmpty() || SearchText.words(word).size() != 1 || !SearchText.words(word).get(0).text().equals(word)) {
                throw new IllegalArgumentException("a search term's words are lower-case words of letters and digits");
            }
        }
    }

    /** The first position at or after {@code from} where the term's words stand in {@code text}, or -1. */
    int indexIn(List<SearchText.Word> text, int from) {
        for (int at = from; at + words.size() <= text.size(); at++) {
            if (matchesAt(text, at)) {
                return at;
            }
        }
        return -1;
    }

    private boolean matchesAt(List<SearchText.Word> text, int at) {
        int last = words.size() - 1;
        for (int i = 0; i <= last; i++) {
            String candidate = text.get(at + i).text();
            boolean matches = i == last && prefix ? candidate.startsWith(words.get(i)) : candidate.equals(words.get(i));
            if (!matches) {
                return false;
            }
        }
        return true;
    }
}
