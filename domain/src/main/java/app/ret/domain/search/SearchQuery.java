package app.ret.domain.search;

import java.util.ArrayList;
import java.util.List;

/**
 * What a search asks for: rows that contain every one of its terms. Written as words separated by
 * spaces; {@code "several words"} in double quotes is a phrase (the words next to each other, in
 * that order); a {@code *} right after a word or a closing quote makes the last word a prefix
 * ({@code jour*} finds {@code journal}). Case and punctuation do not count.
 */
public record SearchQuery(List<SearchTerm> terms) {
    public static final int MAX_CHARS = 500;
    public static final int MAX_TERMS = 16;
    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 200;

    public SearchQuery {
        terms = List.copyOf(terms);
        if (terms.isEmpty() || terms.size() > MAX_TERMS) {
            throw new IllegalArgumentException("a query has 1 to " + MAX_TERMS + " terms");
        }
    }

    /** A query as a person typed it, or why it is not one. */
    public sealed interface Parsed {
        record Valid(SearchQuery query) implements Parsed {}

        record Invalid(String reason) implements Parsed {}
    }

    public static Parsed parse(String raw) {
        if (raw == null || raw.isBlank()) {
            return new Parsed.Invalid("q must hold at least one word to search for.");
        }
        if (raw.length() > MAX_CHARS) {
            return new Parsed.Invalid("q must be at most " + MAX_CHARS + " characters.");
        }
        List<SearchTerm> terms = new ArrayList<>();
        int i = 0;
        while (i < raw.length()) {
            char c = raw.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
                continue;
            }
            int end;
            String text;
            if (c == '"') {
                int close = raw.indexOf('"', i + 1);
                if (close < 0) {
                    return new Parsed.Invalid("q has a phrase without its closing double quote.");
                }
                text = raw.substring(i + 1, close);
                end = close + 1;
            } else {
                end = i;
                while (end < raw.length() && !Character.isWhitespace(raw.charAt(end)) && raw.charAt(end) != '"') {
                    end++;
                }
                text = raw.substring(i, end);
            }
            boolean prefix;
            if (c == '"') {
                prefix = end < raw.length() && raw.charAt(end) == '*';
                end += prefix ? 1 : 0;
            } else {
                prefix = text.endsWith("*") && starsFollowAWord(text);
            }
            List<String> words = SearchText.words(text).stream().map(SearchText.Word::text).toList();
            if (!words.isEmpty()) {
                terms.add(new SearchTerm(words, prefix));
            }
            i = end;
        }
        if (terms.isEmpty()) {
            return new Parsed.Invalid("q must hold at least one word of letters or digits to search for.");
        }
        if (terms.size() > MAX_TERMS) {
            return new Parsed.Invalid("q may hold at most " + MAX_TERMS + " words or phrases.");
        }
        return new Parsed.Valid(new SearchQuery(terms));
    }

    /** {@code jour*} is a prefix; {@code 10.5555/*} is not one (the star follows no word). */
    private static boolean starsFollowAWord(String text) {
        int last = text.length();
        while (last > 0 && text.charAt(last - 1) == '*') {
            last--;
        }
        return last > 0 && !SearchText.words(text.substring(last - 1, last)).isEmpty();
    }

    /** True when every term stands in the row's words, in any of its cells or across two of them. */
    public boolean matches(IndexedRow row) {
        List<SearchText.Word> words = SearchText.words(SearchText.normalized(row.values()));
        return terms.stream().allMatch(term -> term.indexIn(words, 0) >= 0);
    }

    /**
     * A relevance score for indexes without their own: how often the terms occur, damped by the
     * row's length in words (more occurrences and shorter rows first, as BM25 ranks them).
     */
    public double score(IndexedRow row) {
        List<SearchText.Word> words = SearchText.words(SearchText.normalized(row.values()));
        long occurrences = 0;
        for (SearchTerm term : terms) {
            for (int at = term.indexIn(words, 0); at >= 0; at = term.indexIn(words, at + 1)) {
                occurrences++;
            }
        }
        return occurrences / (1.0 + Math.log(1.0 + words.size()));
    }
}
