package app.ret.domain.conversion;

import app.ret.domain.files.FileKind;
import app.ret.domain.files.FileName;
import app.ret.domain.files.WorkspacePath;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Which input files a conversion covers, and where each one's CSV goes. A request names input
 * paths, groups (an input's folder relative to {@code input/}, {@code ""} for the top level; a group
 * holds only the files directly in it), or neither — then every input file.
 */
public final class ConversionInputs {
    private ConversionInputs() {}

    /** The selected inputs sorted by path, or why the request selects nothing valid. */
    public sealed interface Selection {
        record Selected(List<WorkspacePath> inputs) implements Selection {
            public Selected {
                inputs = List.copyOf(inputs);
            }
        }

        record Invalid(String reason) implements Selection {}
    }

    public static Selection select(List<WorkspacePath> available, Optional<List<String>> paths, Optional<List<String>> groups) {
        TreeMap<String, WorkspacePath> inputs = new TreeMap<>();
        available.stream().filter(path -> path.kind() == FileKind.INPUT).forEach(path -> inputs.put(path.value(), path));
        if (paths.isEmpty() && groups.isEmpty()) {
            return inputs.isEmpty() ? new Selection.Invalid("The session has no input files to convert.")
                    : new Selection.Selected(List.copyOf(inputs.values()));
        }
        TreeMap<String, WorkspacePath> selected = new TreeMap<>();
        List<String> requestedPaths = paths.orElse(List.of());
        for (int i = 0; i < requestedPaths.size(); i++) {
            WorkspacePath input = inputs.get(requestedPaths.get(i));
            if (input == null) {
                return new Selection.Invalid("paths[" + i + "] is not an input file of this session.");
            }
            selected.put(input.value(), input);
        }
        List<String> requestedGroups = groups.orElse(List.of());
        for (int i = 0; i < requestedGroups.size(); i++) {
            String group = requestedGroups.get(i);
            List<WorkspacePath> members = inputs.values().stream().filter(path -> path.group().equals(group)).toList();
            if (members.isEmpty()) {
                return new Selection.Invalid("groups[" + i + "] holds no input file of this session.");
            }
            members.forEach(path -> selected.put(path.value(), path));
        }
        return selected.isEmpty() ? new Selection.Invalid("The request selects no input file.")
                : new Selection.Selected(List.copyOf(selected.values()));
    }

    /**
     * {@code input/<p>.xml} → {@code output/<p>.csv} with the default options; other options are
     * visible in the name ({@code output/<p>.record-journal_article.csv}, see
     * {@link ConversionOptions#nameSuffix()}), so a second conversion with other options never
     * overwrites the first one's output. A name without {@code .xml} keeps it whole.
     */
    public static WorkspacePath outputFor(WorkspacePath input, ConversionOptions options) {
        return outputFor(input, options, OutputFormat.CSV);
    }

    /** As {@link #outputFor(WorkspacePath, ConversionOptions)}, with the format's extension ({@code .xlsx} for a workbook). */
    public static WorkspacePath outputFor(WorkspacePath input, ConversionOptions options, OutputFormat format) {
        if (input.kind() != FileKind.INPUT) {
            throw new IllegalArgumentException("only input files are converted");
        }
        FileName name = input.fileName();
        String base = name.hasExtension("xml") ? name.stem() : name.value();
        FileName output = FileName.reduce(base + options.nameSuffix() + "." + format.extension())
                .orElseThrow(() -> new IllegalStateException("a safe name stays safe with a suffix and an extension"));
        return input.mirrored(FileKind.OUTPUT, output);
    }
}
