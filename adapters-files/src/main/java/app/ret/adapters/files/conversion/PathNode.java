package app.ret.adapters.files.conversion;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One distinct path below a record ({@code contributors.person_name[2]}), shared by every record
 * that has it, caching its column ids so that names are built once per path, not once per element.
 */
final class PathNode {
    private static final int UNASSIGNED = -1;

    private final String path;
    private int textColumn = UNASSIGNED;
    private Map<String, Integer> attributeColumns;
    private Map<String, SameNamedChildren> children;

    private PathNode(String path) {
        this.path = path;
    }

    static PathNode recordRoot() {
        return new PathNode("");
    }

    /**
     * The node of a child element; {@code parentInstance} identifies the element this node stands
     * for right now, so that same-named siblings are counted per parent element.
     */
    PathNode child(String localName, long parentInstance) {
        if (children == null) {
            children = new HashMap<>();
        }
        SameNamedChildren named = children.get(localName);
        if (named == null) {
            named = new SameNamedChildren();
            children.put(localName, named);
        }
        return named.next(this, localName, parentInstance);
    }

    int textColumn(ColumnCatalog catalog) {
        if (textColumn == UNASSIGNED) {
            textColumn = catalog.columnId(path.isEmpty() ? "#text" : path);
        }
        return textColumn;
    }

    int attributeColumn(String attributeName, ColumnCatalog catalog) {
        if (attributeColumns == null) {
            attributeColumns = new HashMap<>();
        }
        Integer known = attributeColumns.get(attributeName);
        if (known != null) {
            return known;
        }
        int id = catalog.columnId(path + "@" + attributeName);
        attributeColumns.put(attributeName, id);
        return id;
    }

    private String childPath(String step) {
        return path.isEmpty() ? step : path + "." + step;
    }

    /** The children of one name under one parent path: the n-th sibling of that name is node n. */
    private static final class SameNamedChildren {
        private final List<PathNode> byOccurrence = new ArrayList<>(1);
        private long parentInstance = -1;
        private int seen;

        PathNode next(PathNode parent, String localName, long currentParentInstance) {
            if (parentInstance != currentParentInstance) {
                parentInstance = currentParentInstance;
                seen = 0;
            }
            seen++;
            if (byOccurrence.size() < seen) {
                String step = seen == 1 ? localName : localName + "[" + seen + "]";
                byOccurrence.add(new PathNode(parent.childPath(step)));
            }
            return byOccurrence.get(seen - 1);
        }
    }
}
