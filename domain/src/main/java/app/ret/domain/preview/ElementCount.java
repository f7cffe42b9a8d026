package app.ret.domain.preview;

import java.util.Objects;

/** An element local name found in a document, how often, and the shallowest depth it was at (the root is 1). */
public record ElementCount(String name, long count, int depth) {
    public ElementCount {
        Objects.requireNonNull(name, "name");
        if (count < 1 || depth < 1) {
            throw new IllegalArgumentException("a found element occurs at least once, at depth 1 or more");
        }
    }
}
