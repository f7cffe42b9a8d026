package app.ret.ports.testing;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Path;
import java.util.Arrays;

/** Damages an SQLite database file as a failing disk would: one whole page overwritten with garbage. */
public final class DamagedPages {
    private static final int PAGE_SIZE_OFFSET = 16;

    private DamagedPages() {}

    /** The last page: the newest rows of the table written last, not the schema that start-up reads. */
    public static void overwriteLastPage(Path sqliteFile) throws IOException {
        try (RandomAccessFile raw = new RandomAccessFile(sqliteFile.toFile(), "rw")) {
            raw.seek(PAGE_SIZE_OFFSET);
            int pageSize = raw.readUnsignedShort();
            byte[] garbage = new byte[pageSize];
            Arrays.fill(garbage, (byte) 0x5A);
            raw.seek(raw.length() - pageSize);
            raw.write(garbage);
        }
    }
}
