package app.ret.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Runs one of the cache targets of TARGETS.md (P1, P2, P3) with its baselines in the same run,
 * writes JMH's JSON to {@code <results>/<id>.json} and a Markdown table of figure, baseline, ratio
 * and verdict to {@code <results>/<id>.md}, and prints the table.
 *
 * <p>Usage: {@code CacheBenchmarks <P1|P2|P3> <results directory> [JMH options, e.g. -wi 2 -i 3 -f 1]}
 */
public final class CacheBenchmarks {
    private CacheBenchmarks() {}

    public static void main(String[] args) throws RunnerException, CommandLineOptionException, IOException {
        if (args.length < 2) {
            System.err.println("usage: CacheBenchmarks <P1|P2|P3> <results directory> [JMH options]");
            System.exit(2);
        }
        Target target = Target.valueOf(args[0].toUpperCase(Locale.ROOT));
        Path results = Path.of(args[1]);
        Files.createDirectories(results);
        CommandLineOptions jmhOptions = new CommandLineOptions(Arrays.copyOfRange(args, 2, args.length));
        Collection<RunResult> runs = new Runner(new OptionsBuilder()
                .parent(jmhOptions)
                .include("app\\.ret\\.benchmarks\\." + target.benchmark.getSimpleName() + "\\.")
                .result(results.resolve(target.name() + ".json").toString())
                .resultFormat(ResultFormatType.JSON)
                .build()).run();
        String table = target.table.apply(new Runs(runs));
        Files.writeString(results.resolve(target.name() + ".md"), table);
        System.out.println();
        System.out.println(table);
    }

    enum Target {
        P1(MemoryTierBenchmark.class, CacheBenchmarks::memoryTierTable),
        P2(SqliteTierBenchmark.class, CacheBenchmarks::sqliteTierTable),
        P3(TieredCacheBenchmark.class, CacheBenchmarks::tieredCacheTable);

        final Class<?> benchmark;
        final Function<Runs, String> table;

        Target(Class<?> benchmark, Function<Runs, String> table) {
            this.benchmark = benchmark;
            this.table = table;
        }
    }

    private static String memoryTierTable(Runs runs) {
        RunResult ret = runs.find("getOrPut", "cache", MemoryTierBenchmark.RET);
        RunResult caffeine = runs.find("getOrPut", "cache", MemoryTierBenchmark.CAFFEINE);
        RunResult linked = runs.find("getOrPut", "cache", MemoryTierBenchmark.LINKED_HASH_MAP);
        List<String> rows = new ArrayList<>();
        rows.add("### P1 — memory tier, 2 threads, Zipf(0.99) keys over 10× capacity, 90 % reads");
        rows.add("");
        rows.add("| cache | ops/µs | hit rate |");
        rows.add("|---|---:|---:|");
        for (RunResult run : List.of(ret, caffeine, linked)) {
            rows.add("| " + run.getParams().getParam("cache") + " | " + score(run) + " | " + hitRate(run) + " |");
        }
        rows.add("");
        rows.add("| target | measured | verdict |");
        rows.add("|---|---:|---|");
        rows.add(ratioRow("ret ≥ 0.5× Caffeine", throughput(ret) / throughput(caffeine), 0.5));
        rows.add(ratioRow("ret ≥ 3× synchronized LinkedHashMap", throughput(ret) / throughput(linked), 3.0));
        return String.join("\n", rows) + "\n";
    }

    private static String sqliteTierTable(Runs runs) {
        Result<?> retPut = runs.member(SqliteTierBenchmark.PUT, SqliteTierBenchmark.RET_PUT);
        Result<?> rawPut = runs.member(SqliteTierBenchmark.PUT, SqliteTierBenchmark.RAW_PUT);
        Result<?> retGet = runs.member(SqliteTierBenchmark.GET, SqliteTierBenchmark.RET_GET);
        Result<?> rawGet = runs.member(SqliteTierBenchmark.GET, SqliteTierBenchmark.RAW_GET);
        List<String> rows = new ArrayList<>();
        rows.add("### P2 — SQLite tier vs raw sqlite-jdbc, side by side (1 thread each), WAL + synchronous=FULL, 10 000 rows");
        rows.add("");
        rows.add("| operation | store | mean µs | p50 µs | p99 µs |");
        rows.add("|---|---|---:|---:|---:|");
        for (Result<?> result : List.of(retPut, rawPut, retGet, rawGet)) {
            rows.add("| " + result.getLabel() + " | " + (result.getLabel().startsWith("ret") ? "ret-sqlite-tier" : "raw-sqlite-jdbc")
                    + " | " + micros(result.getStatistics().getMean()) + " | " + micros(result.getStatistics().getPercentile(50))
                    + " | " + micros(result.getStatistics().getPercentile(99)) + " |");
        }
        rows.add("");
        rows.add("| target | measured | verdict |");
        rows.add("|---|---:|---|");
        rows.add(ratioRow("durable put ≥ 0.8× raw (throughput)", mean(rawPut) / mean(retPut), 0.8));
        rows.add(ratioRow("point get ≥ 0.8× raw (throughput)", mean(rawGet) / mean(retGet), 0.8));
        double p50 = retGet.getStatistics().getPercentile(50);
        rows.add("| point get p50 ≤ 20 µs | " + micros(p50) + " µs | " + (p50 <= 20 ? "met" : "MISSED") + " |");
        return String.join("\n", rows) + "\n";
    }

    private static String tieredCacheTable(Runs runs) {
        RunResult tiered = runs.find("get", "path", TieredCacheBenchmark.TIERED);
        RunResult memory = runs.find("get", "path", TieredCacheBenchmark.MEMORY);
        List<String> rows = new ArrayList<>();
        rows.add("### P3 — tiered cache get on a memory hit, 2 threads, 1 000 keys");
        rows.add("");
        rows.add("| path | ops/µs | hit rate |");
        rows.add("|---|---:|---:|");
        for (RunResult run : List.of(tiered, memory)) {
            rows.add("| " + run.getParams().getParam("path") + " | " + score(run) + " | " + hitRate(run) + " |");
        }
        rows.add("");
        rows.add("| target | measured | verdict |");
        rows.add("|---|---:|---|");
        rows.add(ratioRow("tiered ≥ 0.8× memory tier alone", throughput(tiered) / throughput(memory), 0.8));
        return String.join("\n", rows) + "\n";
    }

    private static String ratioRow(String target, double ratio, double wanted) {
        return String.format(Locale.ROOT, "| %s | %.2f× | %s |", target, ratio, ratio >= wanted ? "met" : "MISSED");
    }

    private static double throughput(RunResult run) {
        return run.getPrimaryResult().getScore();
    }

    private static String score(RunResult run) {
        Result<?> primary = run.getPrimaryResult();
        return String.format(Locale.ROOT, "%.2f ± %.2f", primary.getScore(), primary.getScoreError());
    }

    private static double mean(Result<?> result) {
        return result.getStatistics().getMean();
    }

    private static String micros(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }

    private static String hitRate(RunResult run) {
        double hits = run.getSecondaryResults().get("hits").getScore();
        double misses = run.getSecondaryResults().get("misses").getScore();
        return String.format(Locale.ROOT, "%.1f %%", 100 * hits / (hits + misses));
    }

    /** The runs of one invocation, looked up by benchmark method and parameter value, or by group member. */
    private record Runs(Collection<RunResult> all) {
        Result<?> member(String group, String method) {
            RunResult run = all.stream()
                    .filter(candidate -> candidate.getParams().getBenchmark().endsWith("." + group))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("no run of group " + group));
            Result<?> result = run.getSecondaryResults().get(method);
            if (result == null) {
                throw new IllegalStateException("group " + group + " has no result for " + method);
            }
            return result;
        }

        RunResult find(String method, String parameter, String value) {
            return all.stream()
                    .filter(run -> run.getParams().getBenchmark().endsWith("." + method))
                    .filter(run -> value.equals(run.getParams().getParam(parameter)))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("no run of " + method + " with " + parameter + "=" + value
                            + " (a JMH option such as -p may have excluded it)"));
        }
    }
}
