package app.ret.domain.search;

import java.util.Objects;

/** A piece of a hit's snippet: text, and whether it is a word the query matched (shown highlighted). */
public record SnippetPart(String text, boolean match) {
    public SnippetPart {
        Objects.requireNonNull(text, "text");
    }
}
