package app.ret.benchmarks;

import app.ret.adapters.files.conversion.StaxCsvConverter;
import app.ret.adapters.files.preview.StreamingCsvTableReader;
import app.ret.adapters.postgres.PoolSettings;
import app.ret.adapters.postgres.PostgresDatabase;
import app.ret.adapters.postgres.PostgresSearchIndex;
import app.ret.adapters.postgres.PostgresUrl;
import app.ret.adapters.postgres.testing.PostgresServer;
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
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Issue 17's search figures. <b>Slowdown</b> is the wall-clock time of converting the P5 corpus and
 * then indexing its CSV (what the conversion job does) divided by the wall-clock time of converting
 * the same corpus alone, minus one; both are timed in every round of the same run, in alternating
 * order, and the medians of the measured rounds compared (the first round warms up and is left
 * out). The index build is also taken apart: reading and parsing the CSV alone, and with the rows
 * prepared (cells and words) as the index is handed them, so that what SQLite itself takes is the
 * build's time less the latter. Then query latency (limit 50, snippets built) over a million
 * indexed rows, on SQLite FTS5 and on PostgreSQL (a throwaway server). Prints the load average
 * before each round. Arguments: {@code --shared-data DIR --results DIR [--quick]}.
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

    /** One round's wall-clock times, in nanoseconds, and the load average when it started. */
    private record Round(double load, long convert, long convertThenIndex, long indexPart, long parse, long prepare) {}

    private static void run(Path sharedData, Path work, int rounds, boolean quick, Path results) throws IOException {
        Report report = new Report("search-index", "search index: conversion + index vs conversion alone (SQLite FTS5),"
                + " and queries over 1 M rows (SQLite FTS5, PostgreSQL)");
        Path corpus = P5Corpus.generate(sharedData, work.resolve("corpus.xml"));
        Path csv = work.resolve("corpus.csv");
        StaxCsvConverter converter = new StaxCsvConverter(work);
        StreamingCsvTableReader tables = new StreamingCsvTableReader();
        SqliteSearchIndex index = new SqliteSearchIndex(work.resolve("search"));
        long rows = 0;
        List<Round> measured = new ArrayList<>();
        for (int round = 0; round <= rounds; round++) {
            double load = load();
            SessionId session = session(round);
            long convert = 0;
            long both = 0;
            long indexPart = 0;
            for (int order = 0; order < 2; order++) {
                // Alternate which of the two goes first, so that neither always finds the caches warmer.
                if ((order + round) % 2 == 0) {
                    long start = System.nanoTime();
                    rows = convert(converter, corpus, csv);
                    convert = System.nanoTime() - start;
                } else {
                    long start = System.nanoTime();
                    rows = convert(converter, corpus, csv);
                    long converted = System.nanoTime();
                    long indexed = index(index, tables, session, "output/corpus.csv", csv);
                    both = System.nanoTime() - start;
                    indexPart = System.nanoTime() - converted;
                    if (indexed != rows) {
                        throw new IllegalStateException("indexed " + indexed + " of " + rows + " rows");
                    }
                    index.purge(session);
                }
            }
            long start = System.nanoTime();
            parseOnly(tables, csv);
            long parse = System.nanoTime() - start;
            start = System.nanoTime();
            prepareOnly(tables, csv);
            long prepare = System.nanoTime() - start;
            Round measuredRound = new Round(load, convert, both, indexPart, parse, prepare);
            System.out.printf(Locale.ROOT, "round %d%s: load %.1f, conversion %.2f s, conversion + index %.2f s (index %.2f s),"
                            + " CSV read %.2f s, rows prepared %.2f s%n", round, round == 0 ? " (warm-up)" : "", load,
                    convert / 1e9, both / 1e9, indexPart / 1e9, parse / 1e9, prepare / 1e9);
            if (round > 0) {
                measured.add(measuredRound);
            }
        }
        double convertSeconds = median(measured, Round::convert);
        double bothSeconds = median(measured, Round::convertThenIndex);
        double indexSeconds = median(measured, Round::indexPart);
        double parseSeconds = median(measured, Round::parse);
        double prepareSeconds = median(measured, Round::prepare);
        double slowdown = bothSeconds / convertSeconds - 1;
        report.columns("measure", "rows", "seconds (median)", "rows/s")
                .row("conversion alone (baseline)", rows, convertSeconds, rows / convertSeconds)
                .row("conversion + index, as the job runs them", rows, bothSeconds, rows / bothSeconds)
                .row("  of which the index build (read CSV, prepare rows, SQLite insert + commit)", rows, indexSeconds, rows / indexSeconds)
                .row("  read + parse the CSV alone", rows, parseSeconds, rows / parseSeconds)
                .row("  read + parse + prepare the rows (cells, words) alone", rows, prepareSeconds, rows / prepareSeconds)
                .row("  SQLite's share (index build less prepared rows)", rows, indexSeconds - prepareSeconds,
                        rows / (indexSeconds - prepareSeconds));
        report.target("conversion slowed by indexing (wall clock of conversion + index / conversion alone - 1)",
                String.format(Locale.ROOT, "%.0f %% (%.2fx)", slowdown * 100, slowdown + 1), "<= 30 % (<= 1.30x)", slowdown <= MAX_SLOWDOWN);
        List<String> perRound = measured.stream().map(round -> String.format(Locale.ROOT,
                "load %.1f: conversion %.2f s, conversion + index %.2f s", round.load(), round.convert() / 1e9,
                round.convertThenIndex() / 1e9)).toList();
        report.details().put("rounds", String.join(" | ", perRound));

        long queryRows = quick ? rows : QUERY_ROWS;
        queries(report, "SQLite FTS5", index, tables, csv, queryRows, quick);
        PostgresServer server = PostgresServer.startDurable();
        try (PostgresDatabase database = PostgresDatabase.open(PostgresUrl.parse(server.newDatabase().url()),
                new PoolSettings(4, Duration.ofSeconds(30)), Clock.systemUTC())) {
            queries(report, "PostgreSQL", new PostgresSearchIndex(database), tables, csv, queryRows, quick);
        } finally {
            server.stop();
        }
        report.details().put("queries", String.join(" | ", QUERIES));
        report.printAndWrite(results);
    }

    /** Indexes copies of the CSV up to {@code target} rows in one session, then times the queries over them. */
    private static void queries(Report report, String engine, SearchIndex index, StreamingCsvTableReader tables, Path csv, long target,
                                boolean quick) throws IOException {
        SessionId big = session(99);
        long indexedRows = 0;
        long start = System.nanoTime();
        for (int copy = 0; indexedRows < target; copy++) {
            indexedRows += index(index, tables, big, "output/copy-" + copy + ".csv", csv);
        }
        double buildSeconds = (System.nanoTime() - start) / 1e9;
        String key = engine.startsWith("SQLite") ? "sqlite" : "postgres";
        report.details().put(key + "_index_bytes_for_query_rows", index.bytes(big));
        report.details().put(key + "_index_bytes_per_row", index.bytes(big) / indexedRows);
        report.row(engine + ": index build of the query rows (load " + String.format(Locale.ROOT, "%.1f", load()) + ")", indexedRows,
                buildSeconds, indexedRows / buildSeconds);
        for (int warm = 0; warm < 20; warm++) {
            query(index, big, QUERIES.get(warm % QUERIES.size()));
        }
        int repetitions = quick ? 20 : 200;
        List<Long> latencies = new ArrayList<>();
        List<Integer> hits = new ArrayList<>();
        double load = load();
        for (int i = 0; i < repetitions * QUERIES.size(); i++) {
            String raw = QUERIES.get(i % QUERIES.size());
            long begin = System.nanoTime();
            int found = query(index, big, raw);
            latencies.add(System.nanoTime() - begin);
            if (i < QUERIES.size()) {
                hits.add(found);
            }
        }
        long[] sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
        double p50 = sorted[sorted.length / 2] / 1e6;
        double p99 = sorted[(int) (sorted.length * 0.99)] / 1e6;
        report.row(engine + ": queries (limit 50, snippets built), " + QUERIES.size() + " kinds x " + repetitions
                + String.format(Locale.ROOT, " (load %.1f)", load), indexedRows, "-", "p50 " + Report.cell(p50) + " ms, p99 " + Report.cell(p99) + " ms");
        report.details().put(key + "_hits_per_query", hits.toString());
        report.details().put(key + "_query_p50_ms", p50);
        report.details().put(key + "_query_p99_ms", p99);
        report.details().put(key + "_indexed_rows_for_queries", indexedRows);
        index.purge(big);
    }

    private static long convert(StaxCsvConverter converter, Path corpus, Path csv) throws IOException {
        try (InputStream xml = Files.newInputStream(corpus); OutputStream out = Files.newOutputStream(csv)) {
            return ((ConversionSummary) converter.convert(xml, out, ConversionOptions.DEFAULTS)).rows();
        }
    }

    /** As the conversion job's {@code RowIndexing} does: every row of the CSV handed to a writer, then committed. */
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

    private static void parseOnly(StreamingCsvTableReader tables, Path csv) throws IOException {
        long[] cells = {0};
        try (InputStream in = Files.newInputStream(csv)) {
            tables.rows(in, (columns, row, values) -> {
                cells[0] += values.size();
                return true;
            });
        }
        if (cells[0] == 0) {
            throw new IllegalStateException("the CSV has no cells");
        }
    }

    /** The rows as an index is handed them, and their words as it takes them, without any index. */
    private static void prepareOnly(StreamingCsvTableReader tables, Path csv) throws IOException {
        long[] characters = {0};
        try (InputStream in = Files.newInputStream(csv)) {
            tables.rows(in, (columns, row, values) -> {
                characters[0] += IndexedRow.of("output/corpus.csv", row, columns, values).indexedText().length();
                return true;
            });
        }
        if (characters[0] == 0) {
            throw new IllegalStateException("the CSV has no words");
        }
    }

    private static int query(SearchIndex index, SessionId session, String raw) {
        SearchQuery query = ((SearchQuery.Parsed.Valid) SearchQuery.parse(raw)).query();
        return index.search(session, query, SearchQuery.DEFAULT_LIMIT).stream().map(row -> SearchHit.of(row, query)).toList().size();
    }

    private interface Phase {
        long nanos(Round round);
    }

    private static double median(List<Round> rounds, Phase phase) {
        long[] nanos = rounds.stream().mapToLong(phase::nanos).sorted().toArray();
        return nanos[nanos.length / 2] / 1e9;
    }

    private static double load() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    private static SessionId session(int number) {
        return new SessionId(String.format("%032x", 0xbe4c0000L + number));
    }
}
