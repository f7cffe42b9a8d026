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
import app.ret.domain.job.Job;
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
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Issue 17's search figures, with the index in a job of its own (ADR 0013 item 16), on the embedded
 * setup's adapters ({@link ConversionJobHarness}). <b>Slowdown</b> is the wall clock of the conversion
 * job converting the P5 corpus as a worker runs it with search on (it places its output and queues
 * its index job) divided by the same job with no search index at all (no index job is ever queued),
 * minus one; both are timed in every round of the same run, in alternating order, and the medians of
 * the measured rounds compared (the first round warms up and is left out). <b>Time to searchable</b> is
 * the conversion job and then its index job, end to end, as one worker runs them one after the other.
 * <b>Batch throughput</b> is a batch of {@value #BATCH} conversions of the corpus on 2 workers taking
 * jobs in queue order, with their index jobs (each joins the queue as its conversion queues it) against
 * the same batch without search. Then query latency (limit 50, snippets built) over a million indexed
 * rows, on SQLite FTS5 and on PostgreSQL (a throwaway server). Prints the load average before each
 * round. Arguments: {@code --shared-data DIR --results DIR [--quick]}.
 */
public final class SearchIndexReport {
    private static final double MAX_SLOWDOWN = 0.30;
    private static final int BATCH = 4;
    private static final int WORKERS = 2;
    private static final long QUERY_ROWS = 1_000_000;
    private static final List<String> QUERIES = List.of("velit", "norma haley", "\"sint sequi\"", "lab*", "examplefile 1970",
            "\"journal article\"", "rerum* est", "metadata");

    private SearchIndexReport() {}

    public static void main(String[] args) throws IOException, InterruptedException {
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
    private record Round(double load, long withoutSearch, long withSearch, long toSearchable, long indexJob, long batchWithoutSearch,
                         long batchWithSearch) {}

    private static void run(Path sharedData, Path work, int rounds, boolean quick, Path results) throws IOException, InterruptedException {
        Report report = new Report("search-index", "search index in a job of its own: the conversion job with search on vs no search"
                + " index at all, time to searchable, batch throughput on 2 workers (SQLite FTS5), and queries over 1 M rows (SQLite FTS5,"
                + " PostgreSQL)");
        Path corpus = P5Corpus.generate(sharedData, work.resolve("corpus.xml"));
        long rows = 0;
        List<Round> measured = new ArrayList<>();
        try (ConversionJobHarness jobs = new ConversionJobHarness(work.resolve("runtime"))) {
            for (int round = 0; round <= rounds; round++) {
                double load = load();
                long withoutSearch = 0;
                long withSearch = 0;
                long toSearchable = 0;
                long indexJob = 0;
                long batchWithout = 0;
                long batchWith = 0;
                for (int order = 0; order < 2; order++) {
                    // Alternate which of the two goes first, so that neither always finds the caches warmer.
                    boolean search = (order + round) % 2 == 1;
                    ConversionJobHarness.Prepared prepared = jobs.prepare(corpus);
                    long start = System.nanoTime();
                    Optional<Job> queued = jobs.convert(prepared, search);
                    long converted = System.nanoTime();
                    if (search) {
                        withSearch = converted - start;
                        rows = jobs.index(queued.orElseThrow());
                        toSearchable = System.nanoTime() - start;
                        indexJob = System.nanoTime() - converted;
                    } else {
                        withoutSearch = converted - start;
                    }
                    jobs.end(prepared);
                    if (round > 0 && !quick) {
                        List<ConversionJobHarness.Prepared> batch = new ArrayList<>();
                        for (int i = 0; i < BATCH; i++) {
                            batch.add(jobs.prepare(corpus));
                        }
                        long elapsed = jobs.batch(batch, search, WORKERS);
                        batch.forEach(jobs::end);
                        if (search) {
                            batchWith = elapsed;
                        } else {
                            batchWithout = elapsed;
                        }
                    }
                }
                Round measuredRound = new Round(load, withoutSearch, withSearch, toSearchable, indexJob, batchWithout, batchWith);
                System.out.printf(Locale.ROOT, "round %d%s: load %.1f, conversion job without search %.2f s, with search %.2f s,"
                                + " index job %.2f s, time to searchable %.2f s, batch of %d without search %.2f s, with search %.2f s%n",
                        round, round == 0 ? " (warm-up)" : "", load, withoutSearch / 1e9, withSearch / 1e9, indexJob / 1e9,
                        toSearchable / 1e9, BATCH, batchWithout / 1e9, batchWith / 1e9);
                if (round > 0) {
                    measured.add(measuredRound);
                }
            }
        }
        double without = median(measured, Round::withoutSearch);
        double with = median(measured, Round::withSearch);
        double searchable = median(measured, Round::toSearchable);
        double indexSeconds = median(measured, Round::indexJob);
        double slowdown = with / without - 1;
        report.columns("measure", "rows", "seconds (median)", "rows/s")
                .row("conversion job, no search index at all (baseline)", rows, without, rows / without)
                .row("conversion job with search on (index job queued, not run)", rows, with, rows / with)
                .row("index job alone (read the CSV, SQLite FTS5 insert + commit)", rows, indexSeconds, rows / indexSeconds)
                .row("time to searchable: conversion job, then its index job", rows, searchable, rows / searchable);
        report.target("conversion job slowed by search (with search on / no search index - 1)",
                String.format(Locale.ROOT, "%.0f %% (%.2fx)", slowdown * 100, slowdown + 1), "<= 30 % (<= 1.30x)", slowdown <= MAX_SLOWDOWN);
        report.details().put("time_to_searchable_over_conversion_without_search", searchable / without);
        if (!quick) {
            double batchWithout = median(measured, Round::batchWithoutSearch);
            double batchWith = median(measured, Round::batchWithSearch);
            report.row("batch of " + BATCH + " conversions on " + WORKERS + " workers, no search index", BATCH * rows, batchWithout,
                            BATCH * rows / batchWithout)
                    .row("batch of " + BATCH + " conversions + their index jobs on " + WORKERS + " workers", BATCH * rows, batchWith,
                            BATCH * rows / batchWith);
            report.details().put("batch_throughput_with_search_over_without", batchWithout / batchWith);
        }
        List<String> perRound = measured.stream().map(round -> String.format(Locale.ROOT,
                "load %.1f: conversion job %.2f s without search, %.2f s with; searchable after %.2f s; batch %.2f s without, %.2f s with",
                round.load(), round.withoutSearch() / 1e9, round.withSearch() / 1e9, round.toSearchable() / 1e9,
                round.batchWithoutSearch() / 1e9, round.batchWithSearch() / 1e9)).toList();
        report.details().put("rounds", String.join(" | ", perRound));

        StreamingCsvTableReader tables = new StreamingCsvTableReader();
        Path csv = work.resolve("corpus.csv");
        convert(new StaxCsvConverter(work), corpus, csv);
        long queryRows = quick ? rows : QUERY_ROWS;
        queries(report, "SQLite FTS5", new SqliteSearchIndex(work.resolve("search")), tables, csv, queryRows, quick);
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

    /** As the index job's {@code RowIndexing} does: every row of the CSV handed to a writer, then committed. */
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
