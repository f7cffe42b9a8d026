package app.ret.benchmarks;

import app.ret.adapters.files.conversion.StaxCsvConverter;
import app.ret.adapters.files.preview.StreamingCsvTableReader;
import app.ret.adapters.sqlite.SqliteSearchIndex;
import app.ret.domain.conversion.ConversionOptions;
import app.ret.domain.conversion.ConversionSummary;
import app.ret.domain.search.IndexedRow;
import app.ret.domain.search.SearchHit;
import app.ret.domain.search.SearchQuery;
import app.ret.domain.session.SessionId;
import app.ret.ports.out.SearchIndex;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/**
 * Issue 17's search figures on the embedded setup (SQLite FTS5): how fast the conversion job's
 * index is built against the conversion itself (the index may slow a conversion by at most 30 %),
 * and query latency over a million indexed rows. The baseline is the conversion of the P5 corpus
 * in the same run; each phase is timed over several rounds and the median kept.
 * Arguments: {@code --shared-data DIR --results DIR [--quick]}.
 */
public final class SearchIndexReport {
    private static final double MAX_SLOWDOWN = 0.30;
    private static final long QUERY_ROWS = 1_000_000;
    private static final List<String> QUERIES = List.of("velit", "norma haley", "\"sint sequi\"", "lab*", "examplefile 1970",
            "\"journal article\"", "rerum* est", "metadata");

    private SearchIndexReport() {}

    public static void main(String[] args) throws IOException {
        ReportArguments arguments = ReportArguments.parse(args, Path.of("benchmarks/results"));
        int rounds = arguments.quick() ? 1 : 3;
        Path work = Files.createTempDirectory("ret-search-bench-");
        try {
            run(arguments.sharedData(), work, rounds, arguments.quick(), arguments.results());
        } finally {
            try (Stream<Path> files = Files.walk(work)) {
                files.sorted((a, b) -> b.compareTo(a)).forEach(path -> path.toFile().delete());
            }
        }
    }

    private static void run(Path sharedData, Path work, int rounds, boolean quick, Path results) throws IOException {
        Report report = new Report("search-index", "search index build vs the conversion (SQLite FTS5), and queries over 1 M rows");
        Path corpus = P5Corpus.generate(sharedData, work.resolve("corpus.xml"));
        Path csv = work.resolve("corpus.csv");
        StaxCsvConverter converter = new StaxCsvConverter(work);
        StreamingCsvTableReader tables = new StreamingCsvTableReader();
        long rows = 0;
        long[] convertNanos = new long[rounds + 1];
        long[] indexNanos = new long[rounds + 1];
        SqliteSearchIndex index = new SqliteSearchIndex(work.resolve("search"));
        for (int round = 0; round <= rounds; round++) {
            long start = System.nanoTime();
            try (InputStream xml = Files.newInputStream(corpus); OutputStream out = Files.newOutputStream(csv)) {
                rows = ((ConversionSummary) converter.convert(xml, out, ConversionOptions.DEFAULTS)).rows();
            }
            convertNanos[round] = System.nanoTime() - start;
            SessionId session = session(round);
            start = System.nanoTime();
            long indexed = index(index, tables, session, "output/corpus.csv", csv);
            indexNanos[round] = System.nanoTime() - start;
            if (indexed != rows) {
                throw new IllegalStateException("indexed " + indexed + " of " + rows + " rows");
            }
            index.purge(session);
        }
        double convertSeconds = median(convertNanos) / 1e9;
        double indexSeconds = median(indexNanos) / 1e9;
        double slowdown = indexSeconds / convertSeconds;
        report.columns("measure", "rows", "seconds (median)", "rows/s")
                .row("conversion alone (baseline)", rows, convertSeconds, rows / convertSeconds)
                .row("index build (read CSV + FTS5 insert + commit)", rows, indexSeconds, rows / indexSeconds)
                .row("conversion + index, as the job runs them", rows, convertSeconds + indexSeconds, rows / (convertSeconds + indexSeconds));
        report.target("conversion slowed by indexing", String.format(java.util.Locale.ROOT, "%.0f %%", slowdown * 100), "<= 30 %",
                slowdown <= MAX_SLOWDOWN);

        SessionId big = session(99);
        long indexedRows = 0;
        for (int copy = 0; indexedRows < (quick ? rows : QUERY_ROWS); copy++) {
            indexedRows += index(index, tables, big, "output/copy-" + copy + ".csv", csv);
        }
        report.details().put("index_bytes_for_query_rows", index.bytes(big));
        report.details().put("index_bytes_per_row", index.bytes(big) / indexedRows);
        List<Long> latencies = new ArrayList<>();
        int repetitions = quick ? 20 : 200;
        for (int warm = 0; warm < 20; warm++) {
            query(index, big, QUERIES.get(warm % QUERIES.size()));
        }
        List<Integer> hits = new ArrayList<>();
        for (int i = 0; i < repetitions * QUERIES.size(); i++) {
            String raw = QUERIES.get(i % QUERIES.size());
            long start = System.nanoTime();
            int found = query(index, big, raw);
            latencies.add(System.nanoTime() - start);
            if (i < QUERIES.size()) {
                hits.add(found);
            }
        }
        long[] sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
        double p50 = sorted[sorted.length / 2] / 1e6;
        double p99 = sorted[(int) (sorted.length * 0.99)] / 1e6;
        report.row("queries (limit 50, snippets built), " + QUERIES.size() + " kinds x " + repetitions, indexedRows, "-",
                "p50 " + Report.cell(p50) + " ms, p99 " + Report.cell(p99) + " ms");
        report.details().put("queries", String.join(" | ", QUERIES));
        report.details().put("hits_per_query", hits.toString());
        report.details().put("query_p50_ms", p50);
        report.details().put("query_p99_ms", p99);
        report.details().put("indexed_rows_for_queries", indexedRows);
        index.purge(big);
        report.printAndWrite(results);
    }

    private static long index(SearchIndex index, StreamingCsvTableReader tables, SessionId session, String path, Path csv) throws IOException {
        long[] rows = {0};
        try (SearchIndex.Writer writer = index.replace(session, path, Long.MAX_VALUE); InputStream in = Files.newInputStream(csv)) {
            tables.rows(in, (columns, row, cells) -> {
                rows[0] = row;
                return writer.add(IndexedRow.of(path, row, columns, cells));
            });
            writer.commit();
        }
        return rows[0];
    }

    private static int query(SearchIndex index, SessionId session, String raw) {
        SearchQuery query = ((SearchQuery.Parsed.Valid) SearchQuery.parse(raw)).query();
        return index.search(session, query, SearchQuery.DEFAULT_LIMIT).stream().map(row -> SearchHit.of(row, query)).toList().size();
    }

    /** The median of the measured rounds (the first one warms the JIT and the page cache up and is left out). */
    private static double median(long[] nanos) {
        long[] measured = Arrays.copyOfRange(nanos, 1, nanos.length);
        Arrays.sort(measured);
        return measured[measured.length / 2];
    }

    private static SessionId session(int number) {
        return new SessionId(String.format("%032x", 0xbe4c0000L + number));
    }
}
