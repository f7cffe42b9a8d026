package app.ret.domain.search;

import app.ret.domain.job.JobId;
import app.ret.domain.job.JobParameters;
import app.ret.domain.job.JobType;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The {@code index} job that puts a conversion's outputs into its session's search index after the
 * conversion placed them (ADR 0013 item 16), in the queue's plain terms: what it is asked to index,
 * what it reports, and how a conversion's result names it.
 */
public final class IndexJob {
    public static final JobType TYPE = new JobType("index");
    private static final String OUTPUTS = "outputs";
    private static final String SHA256 = "sha256";
    private static final String CSV_KEYS = "csv_keys";
    private static final String INDEX_JOB = "index_job";
    private static final String INDEXED_PATHS = "indexed_paths";
    private static final String INDEXED_ROWS = "indexed_rows";

    private IndexJob() {}

    /**
     * One output to index: its path, the digest of the bytes the conversion placed there (the index
     * takes its rows only while the file still has them), and the conversion-cache key of the CSV
     * whose rows it holds (itself, for a CSV; the CSV it was laid out from, for a workbook).
     */
    public record Target(String output, String sha256, String csvKey) {}

    /** How many rows of a file a search now finds. */
    public record Indexed(String path, long rows) {}

    public static JobParameters parameters(List<Target> targets) {
        return JobParameters.NONE.with(OUTPUTS, targets.stream().map(Target::output).toList())
                .with(SHA256, targets.stream().map(Target::sha256).toList())
                .with(CSV_KEYS, targets.stream().map(Target::csvKey).toList())
                .withUnits(targets.size());
    }

    public static List<Target> targets(JobParameters parameters) {
        List<String> outputs = parameters.all(OUTPUTS);
        List<String> digests = parameters.all(SHA256);
        List<String> keys = parameters.all(CSV_KEYS);
        if (digests.size() != outputs.size() || keys.size() != outputs.size()) {
            throw new IllegalArgumentException("an index job names a digest and a CSV key for each of its outputs");
        }
        List<Target> targets = new ArrayList<>();
        for (int i = 0; i < outputs.size(); i++) {
            targets.add(new Target(outputs.get(i), digests.get(i), keys.get(i)));
        }
        return targets;
    }

    /** The outputs an index job was queued for (what a search lists as still being indexed). */
    public static List<String> outputs(JobParameters parameters) {
        return parameters.all(OUTPUTS);
    }

    /** A conversion's result summary naming the index job it queued. */
    public static JobParameters naming(JobId job) {
        return JobParameters.of(INDEX_JOB, job.value());
    }

    /** The index job a conversion's result names, if it queued one. */
    public static Optional<String> namedIn(JobParameters summary) {
        return summary.single(INDEX_JOB);
    }

    /** An index job's result summary: the rows indexed per file, in order. */
    public static JobParameters summary(List<Indexed> indexed) {
        return JobParameters.NONE.with(INDEXED_PATHS, indexed.stream().map(Indexed::path).toList())
                .with(INDEXED_ROWS, indexed.stream().map(file -> Long.toString(file.rows())).toList());
    }

    /** What an index job's result summary says it indexed; empty for any other summary. */
    public static List<Indexed> indexedIn(JobParameters summary) {
        List<String> paths = summary.all(INDEXED_PATHS);
        List<String> rows = summary.all(INDEXED_ROWS);
        List<Indexed> indexed = new ArrayList<>();
        for (int i = 0; i < paths.size() && i < rows.size(); i++) {
            indexed.add(new Indexed(paths.get(i), Long.parseLong(rows.get(i))));
        }
        return indexed;
    }
}
