package app.ret.domain.preview;

import java.util.List;

/**
 * The element names of a document, shallowest first (then the most frequent). {@code complete} is
 * false when the scan stopped early — at its byte or name budget, or at malformed XML — so the
 * counts are what was seen up to there.
 */
public record ElementCensus(List<ElementCount> elements, boolean complete) {
    public ElementCensus {
        elements = List.copyOf(elements);
    }
}
