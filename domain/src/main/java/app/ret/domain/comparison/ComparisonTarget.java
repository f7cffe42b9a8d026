package app.ret.domain.comparison;

import app.ret.domain.files.FileKind;
import app.ret.domain.files.FileName;
import app.ret.domain.files.WorkspacePath;
import java.util.Optional;

/** Which files a comparison may read, and where it writes: {@code output/compare-<a>-<b>.csv} beside no other folder. */
public final class ComparisonTarget {
    private ComparisonTarget() {}

    /** Only CSV outputs of a conversion (or of an earlier comparison) are compared. */
    public static boolean comparable(WorkspacePath path) {
        return path.kind() == FileKind.OUTPUT && path.fileName().hasExtension("csv");
    }

    public static WorkspacePath outputFor(WorkspacePath left, WorkspacePath right) {
        Optional<FileName> name = FileName.reduce("compare-" + left.fileName().stem() + "-" + right.fileName().stem() + ".csv");
        return WorkspacePath.of(FileKind.OUTPUT, name.orElseThrow(() -> new IllegalStateException("safe stems give a safe name")));
    }
}
