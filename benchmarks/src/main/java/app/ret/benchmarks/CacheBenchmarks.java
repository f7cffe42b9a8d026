package app.ret.benchmarks;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatFactory;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Runs one of the cache targets of TARGETS.md (P1, P2, P3) with its baselines, writes every JMH
 * result to {@code <results>/<id>.json} and a Markdown table of figures, baselines, ratios and
 * verdicts to {@code <results>/<id>.md}, and prints the table.
 *
 * <p>These machines are shared: other builds come and go within seconds, so contenders measured one
 * after the other can see very different machines. The run is therefore made of short rounds; each
 * round measures every contender (in a rotated order, so none is always first) and gives a ratio;
 * the figure is the median of the rounds' ratios. The load average is recorded with it.
 *
 * <p>Usage: {@code CacheBenchmarks <P1|P2|P3> <results directory> [--rounds N] [JMH options]}
 */
public final class CacheBenchmarks {
    private static final int DEFAULT_ROUNDS = 3;

    private CacheBenchmarks() {}

    public static void main(String[] args) throws RunnerException, CommandLineOptionException, IOException {
        if (args.length < 2) {
            System.err.println("usage: CacheBenchmarks <P1|P2|P3> <results directory> [--rounds N] [JMH options]");
            System.exit(2);
        }
        Target target = Target.valueOf(args[0].toUpperCase(Locale.ROOT));
        Path results = Path.of(args[1]);
        int rounds = DEFAULT_ROUNDS;
        int jmhArguments = 2;
        if (args.length > 3 && args[2].equals("--rounds")) {
            rounds = Integer.parseInt(args[3]);
            jmhArguments = 4;
        }
        CommandLineOptions jmhOptions = new CommandLineOptions(Arrays.copyOfRange(args, jmhArguments, args.length));
        Files.createDirectories(results);
        double loadBefore = loadAverage();
        List<Runs> measured = new ArrayList<>();
        List<RunResult> everything = new ArrayList<>();
        for (int round = 0; round < rounds; round++) {
            List<RunResult> roundRuns = new ArrayList<>();
            for (int i = 0; i < target.contenders.size(); i++) {
                String contender = target.contenders.get((i + round) % target.contenders.size());
                roundRuns.addAll(new Runner(target.options(jmhOptions, contender).build()).run());
            }
            measured.add(new Runs(roundRuns));
            everything.addAll(roundRuns);
        }
        try (PrintStream json = new PrintStream(results.resolve(target.name() + ".json").toFile(), StandardCharsets.UTF_8)) {
            ResultFormatFactory.getInstance(ResultFormatType.JSON, json).writeOut(everything);
        }
        String table = target.table.apply(measured) + String.format(Locale.ROOT,
                "%nMedian of %d rounds; load average %.1f before, %.1f after, on %d cores.%n",
                rounds, loadBefore, loadAverage(), Runtime.getRuntime().availableProcessors());
        Files.writeString(results.resolve(target.name() + ".md"), table);
        System.out.println();
        System.out.println(table);
    }

    enum Target {
        P1(MemoryTierBenchmark.class, "cache",
                List.of(MemoryTierBenchmark.RET, MemoryTierBenchmark.CAFFEINE, MemoryTierBenchmark.LINKED_HASH_MAP),
                CacheBenchmarks::memoryTierTable),
        P2(SqliteTierBenchmark.class, null, List.of(SqliteTierBenchmark.PUT, SqliteTierBenchmark.GET), CacheBenchmarks::sqliteTierTable),
        P3(TieredCacheBenchmark.class, "path", List.of(TieredCacheBenchmark.TIERED, TieredCacheBenchmark.MEMORY),
                CacheBenchmarks::tieredCacheTable);

        final Class<?> benchmark;
        /** The parameter that names the contender, or null when each contender is a benchmark (group) of its own. */
        final String parameter;
        final List<String> contenders;
        final Function<List<Runs>, String> table;

        Target(Class<?> benchmark, String parameter, List<String> contenders, Function<List<Runs>, String> table) {
            this.benchmark = benchmark;
            this.parameter = parameter;
            this.contenders = contenders;
            this.table = table;
        }

        ChainedOptionsBuilder options(CommandLineOptions jmhOptions, String contender) {
            String prefix = "app\\.ret\\.benchmarks\\." + benchmark.getSimpleName() + "\\.";
            ChainedOptionsBuilder options = new OptionsBuilder().parent(jmhOptions);
            if (parameter == null) {
                return options.include(prefix + contender + "$");
            }
            return options.include(prefix).param(parameter, contender);
        }
    }

    private static String memoryTierTable(List<Runs> rounds) {
        List<String> rows = new ArrayList<>();
        rows.add("### P1 — memory tier, 2 threads, Zipf(0.99) keys over 10× capacity, 90 % reads");
        rows.add("");
        rows.add("| round | ret-memory-tier ops/µs | caffeine ops/µs | synchronized LinkedHashMap ops/µs | ret / Caffeine | ret / LinkedHashMap |");
        rows.add("|---:|---:|---:|---:|---:|---:|");
        ToDoubleFunction<Runs> vsCaffeine = runs -> score(memoryTier(runs, MemoryTierBenchmark.RET)) / score(memoryTier(runs, MemoryTierBenchmark.CAFFEINE));
        ToDoubleFunction<Runs> vsLinked = runs -> score(memoryTier(runs, MemoryTierBenchmark.RET)) / score(memoryTier(runs, MemoryTierBenchmark.LINKED_HASH_MAP));
        for (int i = 0; i < rounds.size(); i++) {
            Runs runs = rounds.get(i);
            rows.add(String.format(Locale.ROOT, "| %d | %.2f | %.2f | %.2f | %.2f× | %.2f× |", i + 1,
                    score(memoryTier(runs, MemoryTierBenchmark.RET)), score(memoryTier(runs, MemoryTierBenchmark.CAFFEINE)),
                    score(memoryTier(runs, MemoryTierBenchmark.LINKED_HASH_MAP)), vsCaffeine.applyAsDouble(runs), vsLinked.applyAsDouble(runs)));
        }
        rows.add("");
        rows.add("Hit rates (first round): " + String.join(", ", List.of(MemoryTierBenchmark.RET, MemoryTierBenchmark.CAFFEINE,
                MemoryTierBenchmark.LINKED_HASH_MAP).stream().map(cache -> cache + " " + hitRate(memoryTier(rounds.get(0), cache))).toList()) + ".");
        rows.add("");
        rows.add("| target | median | verdict |");
        rows.add("|---|---:|---|");
        rows.add(ratioRow("ret ≥ 0.5× Caffeine", median(rounds, vsCaffeine), 0.5));
        rows.add(ratioRow("ret ≥ 3× synchronized LinkedHashMap", median(rounds, vsLinked), 3.0));
        return String.join("\n", rows) + "\n";
    }

    private static String sqliteTierTable(List<Runs> rounds) {
        List<String> rows = new ArrayList<>();
        rows.add("### P2 — SQLite tier vs raw sqlite-jdbc, side by side (1 thread each), WAL + synchronous=FULL, 10 000 rows");
        rows.add("");
        rows.add("| round | put mean µs ret / raw | put p50 µs ret / raw | get mean µs ret / raw | get p50 µs ret / raw | put ratio | get ratio |");
        rows.add("|---:|---:|---:|---:|---:|---:|---:|");
        ToDoubleFunction<Runs> putRatio = runs -> mean(sqlite(runs, SqliteTierBenchmark.PUT, SqliteTierBenchmark.RAW_PUT))
                / mean(sqlite(runs, SqliteTierBenchmark.PUT, SqliteTierBenchmark.RET_PUT));
        ToDoubleFunction<Runs> getRatio = runs -> mean(sqlite(runs, SqliteTierBenchmark.GET, SqliteTierBenchmark.RAW_GET))
                / mean(sqlite(runs, SqliteTierBenchmark.GET, SqliteTierBenchmark.RET_GET));
        ToDoubleFunction<Runs> getP50 = runs -> p50(sqlite(runs, SqliteTierBenchmark.GET, SqliteTierBenchmark.RET_GET));
        for (int i = 0; i < rounds.size(); i++) {
            Runs runs = rounds.get(i);
            Result<?> retPut = sqlite(runs, SqliteTierBenchmark.PUT, SqliteTierBenchmark.RET_PUT);
            Result<?> rawPut = sqlite(runs, SqliteTierBenchmark.PUT, SqliteTierBenchmark.RAW_PUT);
            Result<?> retGet = sqlite(runs, SqliteTierBenchmark.GET, SqliteTierBenchmark.RET_GET);
            Result<?> rawGet = sqlite(runs, SqliteTierBenchmark.GET, SqliteTierBenchmark.RAW_GET);
            rows.add(String.format(Locale.ROOT, "| %d | %.1f / %.1f | %.1f / %.1f | %.1f / %.1f | %.1f / %.1f | %.2f× | %.2f× |", i + 1,
                    mean(retPut), mean(rawPut), p50(retPut), p50(rawPut), mean(retGet), mean(rawGet), p50(retGet), p50(rawGet),
                    putRatio.applyAsDouble(runs), getRatio.applyAsDouble(runs)));
        }
        rows.add("");
        rows.add("| target | median | verdict |");
        rows.add("|---|---:|---|");
        rows.add(ratioRow("durable put ≥ 0.8× raw (throughput: raw mean time / ours)", median(rounds, putRatio), 0.8));
        rows.add(ratioRow("point get ≥ 0.8× raw (throughput: raw mean time / ours)", median(rounds, getRatio), 0.8));
        double p50 = median(rounds, getP50);
        rows.add(String.format(Locale.ROOT, "| point get p50 ≤ 20 µs | %.1f µs | %s |", p50, p50 <= 20 ? "met" : "MISSED"));
        return String.join("\n", rows) + "\n";
    }

    private static String tieredCacheTable(List<Runs> rounds) {
        List<String> rows = new ArrayList<>();
        rows.add("### P3 — tiered cache get on a memory hit, 2 threads, 1 000 keys");
        rows.add("");
        rows.add("| round | ret-tiered-cache ops/µs | memory-tier-alone ops/µs | ratio |");
        rows.add("|---:|---:|---:|---:|");
        ToDoubleFunction<Runs> ratio = runs -> score(runs.find("path", TieredCacheBenchmark.TIERED))
                / score(runs.find("path", TieredCacheBenchmark.MEMORY));
        for (int i = 0; i < rounds.size(); i++) {
            Runs runs = rounds.get(i);
            rows.add(String.format(Locale.ROOT, "| %d | %.2f | %.2f | %.2f× |", i + 1, score(runs.find("path", TieredCacheBenchmark.TIERED)),
                    score(runs.find("path", TieredCacheBenchmark.MEMORY)), ratio.applyAsDouble(runs)));
        }
        rows.add("");
        rows.add("Hit rates (first round): tiered " + hitRate(rounds.get(0).find("path", TieredCacheBenchmark.TIERED))
                + ", memory tier " + hitRate(rounds.get(0).find("path", TieredCacheBenchmark.MEMORY)) + ".");
        rows.add("");
        rows.add("| target | median | verdict |");
        rows.add("|---|---:|---|");
        rows.add(ratioRow("tiered ≥ 0.8× memory tier alone", median(rounds, ratio), 0.8));
        return String.join("\n", rows) + "\n";
    }

    private static RunResult memoryTier(Runs runs, String cache) {
        return runs.find("cache", cache);
    }

    private static Result<?> sqlite(Runs runs, String group, String method) {
        return runs.member(group, method);
    }

    private static double median(List<Runs> rounds, ToDoubleFunction<Runs> figure) {
        double[] values = rounds.stream().mapToDouble(figure).sorted().toArray();
        int middle = values.length / 2;
        return values.length % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
    }

    private static String ratioRow(String target, double ratio, double wanted) {
        return String.format(Locale.ROOT, "| %s | %.2f× | %s |", target, ratio, ratio >= wanted ? "met" : "MISSED");
    }

    private static double score(RunResult run) {
        return run.getPrimaryResult().getScore();
    }

    private static double mean(Result<?> result) {
        return result.getStatistics().getMean();
    }

    private static double p50(Result<?> result) {
        return result.getStatistics().getPercentile(50);
    }

    private static String hitRate(RunResult run) {
        double hits = run.getSecondaryResults().get("hits").getScore();
        double misses = run.getSecondaryResults().get("misses").getScore();
        return String.format(Locale.ROOT, "%.1f %%", 100 * hits / (hits + misses));
    }

    private static double loadAverage() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    /** The runs of one round, looked up by parameter value, or by member of a group benchmark. */
    private record Runs(Collection<RunResult> all) {
        RunResult find(String parameter, String value) {
            return all.stream()
                    .filter(run -> value.equals(run.getParams().getParam(parameter)))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("no run with " + parameter + "=" + value));
        }

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
    }
}
