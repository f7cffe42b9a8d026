package app.ret.benchmarks;

import java.nio.file.Path;
import java.util.Collection;
import java.util.Locale;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs P2-PG and P4-PG ({@link PostgresStoresBenchmark}) and, in the same run, P2 on SQLite
 * ({@link SqliteTierBenchmark}) so a reader can compare the two stores; prints the tables and writes
 * {@code <results>/P2-PG.json} and {@code <results>/P4-PG.json}.
 * Arguments: {@code [--results DIR] [--iterations N] [--seconds S]}.
 */
public final class PostgresStoresReport {
    private static final double TARGET_RATIO = 0.8;

    private PostgresStoresReport() {}

    public static void main(String[] args) throws RunnerException {
        BenchmarkArguments arguments = new BenchmarkArguments(args);
        int iterations = arguments.integer("iterations", 5);
        int seconds = arguments.integer("seconds", 2);
        Collection<RunResult> runs = new Runner(new OptionsBuilder()
                .include(PostgresStoresBenchmark.class.getName() + "\\.")
                .include(SqliteTierBenchmark.class.getName() + "\\.")
                .forks(1)
                .warmupIterations(2)
                .warmupTime(TimeValue.seconds(seconds))
                .measurementIterations(iterations)
                .measurementTime(TimeValue.seconds(seconds))
                .build()).run();
        Path results = arguments.results();

        double retPut = score(runs, PostgresStoresBenchmark.class, PostgresStoresBenchmark.PUT, "retPut");
        double rawPut = score(runs, PostgresStoresBenchmark.class, PostgresStoresBenchmark.PUT, "rawPut");
        double retGet = score(runs, PostgresStoresBenchmark.class, PostgresStoresBenchmark.GET, "retGet");
        double rawGet = score(runs, PostgresStoresBenchmark.class, PostgresStoresBenchmark.GET, "rawGet");
        double sqlitePut = perSecond(score(runs, SqliteTierBenchmark.class, SqliteTierBenchmark.PUT, SqliteTierBenchmark.RET_PUT));
        double sqliteRawPut = perSecond(score(runs, SqliteTierBenchmark.class, SqliteTierBenchmark.PUT, SqliteTierBenchmark.RAW_PUT));
        double sqliteGet = perSecond(score(runs, SqliteTierBenchmark.class, SqliteTierBenchmark.GET, SqliteTierBenchmark.RET_GET));
        double sqliteRawGet = perSecond(score(runs, SqliteTierBenchmark.class, SqliteTierBenchmark.GET, SqliteTierBenchmark.RAW_GET));
        new Report("P2-PG", "PostgreSQL cache tier durable put / point get vs raw pgjdbc on the same server (fsync on), one thread each, side by side;"
                + " SQLite tier vs raw sqlite-jdbc beside it, same run")
                .columns("store", "operation", "adapter ops/s", "raw driver ops/s", "ratio")
                .row("PostgreSQL", "durable put", retPut, rawPut, retPut / rawPut)
                .row("PostgreSQL", "point get", retGet, rawGet, retGet / rawGet)
                .row("SQLite", "durable put", sqlitePut, sqliteRawPut, sqlitePut / sqliteRawPut)
                .row("SQLite", "point get", sqliteGet, sqliteRawGet, sqliteGet / sqliteRawGet)
                .target("PostgreSQL put, adapter / raw pgjdbc", ratio(retPut / rawPut), ">= 0.8x", retPut / rawPut >= TARGET_RATIO)
                .target("PostgreSQL get, adapter / raw pgjdbc", ratio(retGet / rawGet), ">= 0.8x", retGet / rawGet >= TARGET_RATIO)
                .printAndWrite(results);

        double retCheck = score(runs, PostgresStoresBenchmark.class, PostgresStoresBenchmark.CHECK, "retCheck");
        double rawCheck = score(runs, PostgresStoresBenchmark.class, PostgresStoresBenchmark.CHECK, "rawCheck");
        new Report("P4-PG", "PostgreSQL rate-limit check through the adapter vs a raw single-statement upsert on the same server,"
                + " 10k keys, one thread each, side by side")
                .columns("contender", "checks/s")
                .row("PostgresRateLimitStore.acquire", retCheck)
                .row("raw INSERT … ON CONFLICT DO UPDATE … RETURNING", rawCheck)
                .target("check, adapter / raw upsert", ratio(retCheck / rawCheck), ">= 0.8x", retCheck / rawCheck >= TARGET_RATIO)
                .printAndWrite(results);
    }

    private static double score(Collection<RunResult> runs, Class<?> benchmark, String group, String method) {
        RunResult run = runs.stream()
                .filter(candidate -> candidate.getParams().getBenchmark().equals(benchmark.getName() + "." + group)
                        && candidate.getSecondaryResults().containsKey(method))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("no result for " + group + "/" + method));
        return run.getSecondaryResults().get(method).getScore();
    }

    /** SQLite's benchmark samples microseconds per operation; the table compares operations per second. */
    private static double perSecond(double microsecondsPerOperation) {
        return 1_000_000 / microsecondsPerOperation;
    }

    private static String ratio(double value) {
        return String.format(Locale.ROOT, "%.2fx", value);
    }
}
