package app.ret.domain.search;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * How text is cut into words for search, the same for every index: a word is a run of letters,
 * digits and private-use characters (what SQLite's {@code unicode61} tokenizer keeps), lower-cased;
 * everything else separates words. An index is fed {@link #normalized} text — its words joined by
 * single spaces — so that SQLite FTS5, PostgreSQL's {@code simple} configuration and the in-memory
 * index all see the same words: {@code 10.5555/ABC-1} is {@code 10 5555 abc 1} everywhere.
 */
public final class SearchText {
    /** A row's words beyond this many characters are not indexed (PostgreSQL refuses a tsvector over 1 MB). */
    public static final int MAX_INDEXED_CHARS = 32_768;
    /** Longer words are not indexed: nobody searches for them, and PostgreSQL refuses a lexeme over 2 KB. */
    public static final int MAX_WORD_CHARS = 255;

    private SearchText() {}

    /** One word of a text: its lower-cased form and where it stands in the text (UTF-16 offsets, end exclusive). */
    public record Word(String text, int start, int end) {}

    public static List<Word> words(String text) {
        List<Word> words = new ArrayList<>();
        int start = -1;
        int i = 0;
        while (i < text.length()) {
            int codePoint = text.codePointAt(i);
            if (isWordCharacter(codePoint)) {
                if (start < 0) {
                    start = i;
                }
            } else if (start >= 0) {
                words.add(word(text, start, i));
                start = -1;
            }
            i += Character.charCount(codePoint);
        }
        if (start >= 0) {
            words.add(word(text, start, text.length()));
        }
        return words;
    }

    /** The words of {@code values} (but those over {@link #MAX_WORD_CHARS}), lower-cased, joined by single spaces, cut at {@link #MAX_INDEXED_CHARS}. */
    public static String normalized(List<String> values) {
        StringBuilder joined = new StringBuilder();
        for (String value : values) {
            if (isAscii(value)) {
                if (!appendAsciiWords(value, joined)) {
                    return joined.toString();
                }
                continue;
            }
            for (Word word : words(value)) {
                if (word.text().length() > MAX_WORD_CHARS) {
                    continue;
                }
                if (joined.length() + 1 + word.text().length() > MAX_INDEXED_CHARS) {
                    return joined.toString();
                }
                if (!joined.isEmpty()) {
                    joined.append(' ');
                }
                joined.append(word.text());
            }
        }
        return joined.toString();
    }

    private static boolean isAscii(String value) {
        for (int i = 0; i < value.length(); i++) {
            if (value.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    /**
     * {@link #normalized}'s rule for a value of ASCII only (most cells), without a string per word: its
     * words are its runs of letters and digits. False once {@link #MAX_INDEXED_CHARS} is reached.
     */
    private static boolean appendAsciiWords(String value, StringBuilder joined) {
        int i = 0;
        while (i < value.length()) {
            while (i < value.length() && !Character.isLetterOrDigit(value.charAt(i))) {
                i++;
            }
            int start = i;
            while (i < value.length() && Character.isLetterOrDigit(value.charAt(i))) {
                i++;
            }
            int length = i - start;
            if (length == 0 || length > MAX_WORD_CHARS) {
                continue;
            }
            if (joined.length() + 1 + length > MAX_INDEXED_CHARS) {
                return false;
            }
            if (!joined.isEmpty()) {
                joined.append(' ');
            }
            for (int at = start; at < i; at++) {
                char c = value.charAt(at);
                joined.append(c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c);
            }
        }
        return true;
    }

    private static Word word(String text, int start, int end) {
        return new Word(text.substring(start, end).toLowerCase(Locale.ROOT), start, end);
    }

    private static boolean isWordCharacter(int codePoint) {
        if (Character.isLetter(codePoint)) {
            return true;
        }
        int type = Character.getType(codePoint);
        return type == Character.DECIMAL_DIGIT_NUMBER || type == Character.LETTER_NUMBER || type == Character.OTHER_NUMBER
                || type == Character.PRIVATE_USE;
    }
}
