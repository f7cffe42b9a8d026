package app.ret.domain.search;

import java.util.ArrayList;
import java.util.List;

/**
 * A row that matched, as people see it: its file and row number, a snippet of the cell where the
 * query matched most (the matched words marked) and the columns whose cells matched.
 */
public record SearchHit(String path, long row, List<SnippetPart> snippet, List<String> columns) {
    /** A snippet's longest text, in characters; a longer cell is cut around its first match. */
    public static final int SNIPPET_CHARS = 160;
    private static final int BEFORE_MATCH_CHARS = 50;
    private static final String ELLIPSIS = "…";

    public SearchHit {
        snippet = List.copyOf(snippet);
        columns = List.copyOf(columns);
    }

    /** The snippet comes from the cell that matches the most of the query's terms, then the most often. */
    public static SearchHit of(IndexedRow row, SearchQuery query) {
        List<String> matchedColumns = new ArrayList<>();
        IndexedCell best = row.cells().isEmpty() ? new IndexedCell("", "") : row.cells().get(0);
        CellMatches bestMatches = new CellMatches(0, List.of());
        for (IndexedCell cell : row.cells()) {
            CellMatches matches = matches(cell.value(), query);
            if (!matches.ranges().isEmpty() && !matchedColumns.contains(cell.column())) {
                matchedColumns.add(cell.column());
            }
            if (matches.betterThan(bestMatches)) {
                best = cell;
                bestMatches = matches;
            }
        }
        return new SearchHit(row.path(), row.row(), snippet(best.value(), bestMatches.ranges()), matchedColumns);
    }

    /** How many of the query's terms a cell holds, and where its matched words stand. */
    private record CellMatches(int terms, List<int[]> ranges) {
        boolean betterThan(CellMatches other) {
            return terms > other.terms || terms == other.terms && ranges.size() > other.ranges.size();
        }
    }

    /** Where the query's terms stand in {@code text}: character ranges, in order, not overlapping. */
    private static CellMatches matches(String text, SearchQuery query) {
        List<SearchText.Word> words = SearchText.words(text);
        boolean[] matched = new boolean[words.size()];
        int terms = 0;
        for (SearchTerm term : query.terms()) {
            terms += term.indexIn(words, 0) >= 0 ? 1 : 0;
            for (int at = term.indexIn(words, 0); at >= 0; at = term.indexIn(words, at + 1)) {
                for (int i = at; i < at + term.words().size(); i++) {
                    matched[i] = true;
                }
            }
        }
        List<int[]> ranges = new ArrayList<>();
        for (int i = 0; i < words.size(); i++) {
            if (matched[i]) {
                ranges.add(new int[] {words.get(i).start(), words.get(i).end()});
            }
        }
        return new CellMatches(terms, ranges);
    }

    private static List<SnippetPart> snippet(String text, List<int[]> matches) {
        int from = 0;
        int to = text.length();
        if (text.length() > SNIPPET_CHARS) {
            int first = matches.isEmpty() ? 0 : matches.get(0)[0];
            from = Math.max(0, Math.min(first - BEFORE_MATCH_CHARS, text.length() - SNIPPET_CHARS));
            from = wordStart(text, from);
            to = Math.min(text.length(), from + SNIPPET_CHARS);
            to = wordEnd(text, to);
        }
        List<SnippetPart> parts = new ArrayList<>();
        if (from > 0) {
            parts.add(new SnippetPart(ELLIPSIS, false));
        }
        int at = from;
        for (int[] match : matches) {
            if (match[0] < from || match[1] > to) {
                continue;
            }
            if (match[0] > at) {
                parts.add(new SnippetPart(text.substring(at, match[0]), false));
            }
            parts.add(new SnippetPart(text.substring(match[0], match[1]), true));
            at = match[1];
        }
        if (at < to) {
            parts.add(new SnippetPart(text.substring(at, to), false));
        }
        if (to < text.length()) {
            parts.add(new SnippetPart(ELLIPSIS, false));
        }
        return merged(parts);
    }

    /** Neighbouring plain parts as one. */
    private static List<SnippetPart> merged(List<SnippetPart> parts) {
        List<SnippetPart> merged = new ArrayList<>();
        for (SnippetPart part : parts) {
            int last = merged.size() - 1;
            if (last >= 0 && !part.match() && !merged.get(last).match()) {
                merged.set(last, new SnippetPart(merged.get(last).text() + part.text(), false));
            } else {
                merged.add(part);
            }
        }
        return merged;
    }

    /** Moves a cut forward to the start of a word, so no word is shown half (unless the cut is inside a very long one). */
    private static int wordStart(String text, int at) {
        int moved = at;
        while (moved > 0 && moved < text.length() && !Character.isWhitespace(text.charAt(moved - 1)) && moved - at < 20) {
            moved++;
        }
        return moved - at < 20 ? surrogateSafe(text, moved) : surrogateSafe(text, at);
    }

    private static int wordEnd(String text, int at) {
        int moved = at;
        while (moved > 0 && moved < text.length() && !Character.isWhitespace(text.charAt(moved)) && at - moved < 20) {
            moved--;
        }
        return at - moved < 20 && moved > 0 ? surrogateSafe(text, moved) : surrogateSafe(text, at);
    }

    private static int surrogateSafe(String text, int at) {
        return at > 0 && at < text.length() && Character.isLowSurrogate(text.charAt(at)) ? at - 1 : at;
    }
}
