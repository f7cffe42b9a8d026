package app.ret.adapters.files.conversion;

import java.util.Arrays;
import java.util.BitSet;

/**
 * The records of one element name: how many there were and the columns they used, in the order
 * they first met them (auto mode chooses among kinds only once the whole document was read).
 */
final class RecordKind {
    private final int id;
    private final BitSet used = new BitSet();
    private int[] columnsInOrder = new int[16];
    private int columnCount;
    private long count;

    RecordKind(int id) {
        this.id = id;
    }

    int id() {
        return id;
    }

    long count() {
        return count;
    }

    void countRecord() {
        count++;
    }

    void noteColumn(int columnId) {
        if (!used.get(columnId)) {
            used.set(columnId);
            if (columnCount == columnsInOrder.length) {
                columnsInOrder = Arrays.copyOf(columnsInOrder, columnCount * 2);
            }
            columnsInOrder[columnCount++] = columnId;
        }
    }

    int[] columnsInOrder() {
        return Arrays.copyOf(columnsInOrder, columnCount);
    }
}
