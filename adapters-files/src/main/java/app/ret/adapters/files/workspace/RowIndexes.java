package app.ret.adapters.files.workspace;

import app.ret.domain.files.FileKind;
import app.ret.domain.files.WorkspacePath;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HexFormat;
import app.ret.adapters.files.Sha256;

/**
 * Where a session keeps the row indexes of its output CSVs: its private {@code .rows} folder (not an
 * area, so never listed, exported or counted against the quota; it goes with the session folder at
 * logout), one flat file per indexed path, named by the digest of the path so no two paths — nor a
 * file and a folder of the output tree — can ever share one.
 */
final class RowIndexes {
    static final String FOLDER = ".rows";
    private static final String CSV = "csv";

    private RowIndexes() {}

    /** Only tables the preview pages get an index. */
    static boolean indexed(WorkspacePath path) {
        return path.kind() == FileKind.OUTPUT && path.fileName().hasExtension(CSV);
    }

    static Path of(Path sessionDirectory, WorkspacePath path) {
        byte[] digest = Sha256.newDigest().digest(path.value().getBytes(StandardCharsets.UTF_8));
        return sessionDirectory.resolve(FOLDER).resolve(HexFormat.of().formatHex(digest));
    }
}
