package app.ret.adapters.files.conversion;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;

/** Second stage: header, then every spilled row laid out in the plan's column order. */
final class CsvAssembler {
    private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    private static final int NOT_IN_OUTPUT = -1;

    private final RecordPlan plan;
    private final int[] positionOfColumn;
    private final int[] fieldStart;
    private final int[] fieldLength;
    private final long[] filledInRow;
    private final GrowableBytes rowBytes = new GrowableBytes();

    CsvAssembler(RecordPlan plan, int catalogSize) {
        this.plan = plan;
        this.positionOfColumn = new int[catalogSize];
        Arrays.fill(positionOfColumn, NOT_IN_OUTPUT);
        int[] ids = plan.columnIds();
        for (int position = 0; position < ids.length; position++) {
            positionOfColumn[ids[position]] = position;
        }
        this.fieldStart = new int[ids.length];
        this.fieldLength = new int[ids.length];
        this.filledInRow = new long[ids.length];
        Arrays.fill(filledInRow, -1);
    }

    /** Writes the whole CSV and returns the bytes written. */
    long write(SpillInput spill, CsvOutput out, CsvFieldEncoder encoder, boolean bom) throws IOException {
        if (bom) {
            out.write(BOM, 0, BOM.length);
        }
        writeHeader(plan.columnNames(), out, encoder);
        long row = 0;
        for (int kind = spill.nextRecordKind(); kind != SpillInput.END_OF_SPILL; kind = spill.nextRecordKind()) {
            if (plan.isRow(kind)) {
                readRow(spill, row);
                writeRow(out, row);
                row++;
            } else {
                skipRecord(spill);
            }
        }
        return out.flush();
    }

    private void writeHeader(List<String> names, CsvOutput out, CsvFieldEncoder encoder) throws IOException {
        rowBytes.clear();
        for (int i = 0; i < names.size(); i++) {
            if (i > 0) {
                rowBytes.add(',');
            }
            encoder.encodeName(names.get(i), rowBytes);
        }
        rowBytes.add('\r', '\n');
        out.write(rowBytes.array(), 0, rowBytes.size());
    }

    /** When two paths share a column name within one record, the first value met is kept. */
    private void readRow(SpillInput spill, long row) throws IOException {
        rowBytes.clear();
        for (int tag = spill.nextNumber(); tag != SpillOutput.END_OF_RECORD; tag = spill.nextNumber()) {
            int length = spill.nextNumber();
            int position = positionOfColumn[SpillOutput.columnOf(tag)];
            if (position == NOT_IN_OUTPUT || filledInRow[position] == row) {
                spill.skip(length);
            } else {
                filledInRow[position] = row;
                fieldStart[position] = rowBytes.size();
                fieldLength[position] = length;
                spill.readInto(rowBytes, length);
            }
        }
    }

    private void skipRecord(SpillInput spill) throws IOException {
        while (spill.nextNumber() != SpillOutput.END_OF_RECORD) {
            spill.skip(spill.nextNumber());
        }
    }

    private void writeRow(CsvOutput out, long row) throws IOException {
        byte[] bytes = rowBytes.array();
        for (int position = 0; position < fieldStart.length; position++) {
            if (position > 0) {
                out.write(',');
            }
            if (filledInRow[position] == row) {
                out.write(bytes, fieldStart[position], fieldLength[position]);
            }
        }
        out.write('\r');
        out.write('\n');
    }
}
