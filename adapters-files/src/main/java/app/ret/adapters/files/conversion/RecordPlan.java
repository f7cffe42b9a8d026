package app.ret.adapters.files.conversion;

import java.util.BitSet;
import java.util.List;

/**
 * The rows and columns of the CSV: which record kinds are rows, the column names in output order,
 * and for each the catalog id its spilled fields carry.
 */
record RecordPlan(BitSet selectedKinds, List<String> columnNames, int[] columnIds, long rows) {
    boolean isRow(int kindId) {
        return selectedKinds.get(kindId);
    }
}
