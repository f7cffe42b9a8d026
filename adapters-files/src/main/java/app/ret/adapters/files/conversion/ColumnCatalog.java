package app.ret.adapters.files.conversion;

import app.ret.domain.conversion.RecordSelector;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;

/**
 * Every column name met while scanning, numbered in order of first appearance, and the kinds of
 * record they were met in. Equal names are one column even when they come from different paths
 * (an element named {@code a.b} and {@code a} → {@code b}), because the column is its name.
 */
final class ColumnCatalog {
    private final Map<String, Integer> idsByName = new HashMap<>();
    private final List<String> names = new ArrayList<>();
    private final Map<String, RecordKind> kindsByName = new LinkedHashMap<>();

    int columnId(String name) {
        Integer known = idsByName.get(name);
        if (known != null) {
            return known;
        }
        int id = names.size();
        names.add(name);
        idsByName.put(name, id);
        return id;
    }

    RecordKind kind(String elementName) {
        return kindsByName.computeIfAbsent(elementName, name -> new RecordKind(kindsByName.size()));
    }

    /** Which scanned records become rows, with which columns; empty when there are none. */
    Optional<RecordPlan> plan(RecordSelector selector) {
        List<RecordKind> kinds = List.copyOf(kindsByName.values());
        if (kinds.isEmpty()) {
            return Optional.empty();
        }
        if (selector instanceof RecordSelector.ByName) {
            return Optional.of(planFor(kinds.get(0)));
        }
        return mostFrequentRepeatedKind(kinds).map(this::planFor).or(() -> Optional.of(planForAll(kinds)));
    }

    private static Optional<RecordKind> mostFrequentRepeatedKind(List<RecordKind> kindsInFirstSeenOrder) {
        RecordKind best = null;
        for (RecordKind kind : kindsInFirstSeenOrder) {
            if (kind.count() > 1 && (best == null || kind.count() > best.count())) {
                best = kind;
            }
        }
        return Optional.ofNullable(best);
    }

    private RecordPlan planFor(RecordKind kind) {
        BitSet selected = new BitSet();
        selected.set(kind.id());
        return new RecordPlan(selected, namesOf(kind.columnsInOrder()), kind.columnsInOrder(), kind.count());
    }

    private RecordPlan planForAll(List<RecordKind> kinds) {
        BitSet selected = new BitSet();
        long rows = 0;
        for (RecordKind kind : kinds) {
            selected.set(kind.id());
            rows += kind.count();
        }
        int[] everyColumn = IntStream.range(0, names.size()).toArray();
        return new RecordPlan(selected, namesOf(everyColumn), everyColumn, rows);
    }

    private List<String> namesOf(int[] columnIds) {
        List<String> selectedNames = new ArrayList<>(columnIds.length);
        for (int id : columnIds) {
            selectedNames.add(names.get(id));
        }
        return selectedNames;
    }

    int size() {
        return names.size();
    }
}
