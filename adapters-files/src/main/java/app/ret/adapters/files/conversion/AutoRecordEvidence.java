package app.ret.adapters.files.conversion;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What {@code record: "auto"} (rule v2 of CONVERSION.md) needs to know of a whole document, gathered
 * while it is scanned: whether a name repeats among the root's children (rule 1, decided as soon as
 * it does — the evidence then stops listening and tells {@code onRuleOne}), and otherwise the local
 * name of the content items (rule 2): the outermost elements that have a {@code doi_data} child,
 * their most frequent name, ties going to the name whose first occurrence comes last. Memory grows
 * with depth and distinct names, not with the number of elements.
 */
final class AutoRecordEvidence {
    static final String CONTENT_ITEM_MARKER = "doi_data";
    private static final int ROOT_CHILD_DEPTH = 2;

    private final Runnable onRuleOne;
    private final Map<String, Boolean> rootChildNames = new HashMap<>();
    private final ArrayDeque<Frame> open = new ArrayDeque<>();
    private Map<String, NameStats> outermost = Map.of();
    private long elementsStarted;
    private boolean listening;

    private AutoRecordEvidence(Runnable onRuleOne, boolean listening) {
        this.onRuleOne = onRuleOne;
        this.listening = listening;
    }

    static AutoRecordEvidence gatherFor(Runnable onRuleOne) {
        return new AutoRecordEvidence(onRuleOne, true);
    }

    /** For conversions that name their record: nothing to gather. */
    static AutoRecordEvidence notNeeded() {
        return new AutoRecordEvidence(() -> { }, false);
    }

    void start(String localName, int depth) {
        if (!listening) {
            return;
        }
        if (depth == ROOT_CHILD_DEPTH && rootChildNames.put(localName, Boolean.TRUE) != null) {
            listening = false;
            open.clear();
            onRuleOne.run();
            return;
        }
        Frame parent = open.peek();
        if (parent != null && localName.equals(CONTENT_ITEM_MARKER)) {
            parent.hasContentItemMarker = true;
        }
        open.push(new Frame(localName, elementsStarted++));
    }

    void end() {
        if (!listening) {
            return;
        }
        Frame closing = open.pop();
        Map<String, NameStats> found = closing.hasContentItemMarker
                ? Map.of(closing.localName, new NameStats(1, closing.order)) : closing.outermostInside;
        Frame parent = open.peek();
        if (parent == null) {
            outermost = found;
        } else {
            parent.adopt(found);
        }
    }

    /**
     * Rule 2's record name, when rule 1 does not apply (the evidence stopped listening before the
     * root ended, so there is none) and some element has a {@code doi_data} child.
     */
    Optional<String> contentItemName() {
        String chosen = null;
        NameStats best = null;
        for (Map.Entry<String, NameStats> candidate : outermost.entrySet()) {
            NameStats stats = candidate.getValue();
            if (best == null || stats.count > best.count || (stats.count == best.count && stats.firstOrder > best.firstOrder)) {
                chosen = candidate.getKey();
                best = stats;
            }
        }
        return Optional.ofNullable(chosen);
    }

    private static final class Frame {
        final String localName;
        final long order;
        boolean hasContentItemMarker;
        Map<String, NameStats> outermostInside = Map.of();

        Frame(String localName, long order) {
            this.localName = localName;
            this.order = order;
        }

        void adopt(Map<String, NameStats> found) {
            if (found.isEmpty()) {
                return;
            }
            if (outermostInside.isEmpty()) {
                outermostInside = new HashMap<>();
            }
            found.forEach((name, stats) -> outermostInside.merge(name, stats, NameStats::plus));
        }
    }

    private record NameStats(long count, long firstOrder) {
        NameStats plus(NameStats other) {
            return new NameStats(count + other.count, Math.min(firstOrder, other.firstOrder));
        }
    }
}
