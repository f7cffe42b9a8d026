package app.ret.benchmarks;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Runs one of the cache targets of TARGETS.md (P1, P2, P3) with its baselines, writes the figures
 * of every round, the medians and the verdicts to {@code <results>/<id>.json} and as a Markdown
 * table to {@code <results>/<id>.md}, and prints the table.
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
    private static final String ALLOCATION = "gc.alloc.rate.norm";

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
        String measuredAt = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        List<Runs> measured = new ArrayList<>();
        for (int round = 0; round < rounds; round++) {
            List<RunResult> roundRuns = new ArrayList<>();
            for (int i = 0; i < target.contenders.size(); i++) {
                String contender = target.contenders.get((i + round) % target.contenders.size());
                roundRuns.addAll(new Runner(target.options(jmhOptions, contender).build()).run());
            }
            measured.add(new Runs(roundRuns));
        }
        double loadAfter = loadAverage();
        Summary summary = target.table.apply(measured);
        String context = String.format(Locale.ROOT, "Median of %d rounds (contenders in rotated order); load average %.1f before, %.1f after, on %d cores; %s.",
                rounds, loadBefore, loadAfter, Runtime.getRuntime().availableProcessors(), measuredAt);
        String table = summary.markdown(context);
        Files.writeString(results.resolve(target.name() + ".md"), table);
        Files.writeString(results.resolve(target.name() + ".json"), summary.json(target.name(), measuredAt, loadBefore, loadAfter));
        System.out.println();
        System.out.println(table);
    }

    enum Target {
        P1(MemoryTierBenchmark.class, "cache",
                List.of(MemoryTierBenchmark.RET, MemoryTierBenchmark.CAFFEINE_MATCHED, MemoryTierBenchmark.CAFFEINE,
                        MemoryTierBenchmark.LINKED_HASH_MAP),
                CacheBenchmarks::memoryTierTable),
        P2(SqliteTierBenchmark.class, null, List.of(SqliteTierBenchmark.PUT, SqliteTierBenchmark.GET), CacheBenchmarks::sqliteTierTable),
        P3(TieredCacheBenchmark.class, "path", List.of(TieredCacheBenchmark.TIERED, TieredCacheBenchmark.MEMORY),
                CacheBenchmarks::tieredCacheTable);

        final Class<?> benchmark;
        /** The parameter that names the contender, or null when each contender is a benchmark (group) of its own. */
        final String parameter;
        final List<String> contenders;
        final Function<List<Runs>, Summary> table;

        Target(Class<?> benchmark, String parameter, List<String> contenders, Function<List<Runs>, Summary> table) {
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

    private static Summary memoryTierTable(List<Runs> rounds) {
        List<String> caches = List.of(MemoryTierBenchmark.RET, MemoryTierBenchmark.CAFFEINE_MATCHED, MemoryTierBenchmark.CAFFEINE,
                MemoryTierBenchmark.LINKED_HASH_MAP);
        // With -prof gc, JMH also reports the bytes each operation allocated.
        boolean allocation = rounds.get(0).find("cache", caches.get(0)).getSecondaryResults().containsKey(ALLOCATION);
        int figures = allocation ? 3 : 2;
        List<double[]> values = new ArrayList<>();
        for (Runs runs : rounds) {
            double[] row = new double[caches.size() * figures];
            for (int i = 0; i < caches.size(); i++) {
                RunResult run = memoryTier(runs, caches.get(i));
                row[i] = score(run);
                row[caches.size() + i] = hitRate(run);
                if (allocation) {
                    row[2 * caches.size() + i] = run.getSecondaryResults().get(ALLOCATION).getScore();
                }
            }
            values.add(row);
        }
        List<String> columns = new ArrayList<>();
        caches.forEach(cache -> columns.add(cache + " ops/µs"));
        caches.forEach(cache -> columns.add(cache + " hit rate %"));
        if (allocation) {
            caches.forEach(cache -> columns.add(cache + " B/op"));
        }
        return new Summary("P1 — memory tier, 2 threads, Zipf(0.99) keys over 10× capacity, 90 % reads", columns, values,
                List.of(Verdict.atLeast("ret ≥ 1.0× feature-matched Caffeine", "×", perRound(rounds, ratioOfRet(caches.get(1))), 1.0),
                        Verdict.atLeast("ret ≥ 0.8× bare Caffeine", "×", perRound(rounds, ratioOfRet(caches.get(2))), 0.8),
                        Verdict.atLeast("ret ≥ 1.5× synchronized LinkedHashMap", "×", perRound(rounds, ratioOfRet(caches.get(3))), 1.5),
                        Verdict.atMost("ret hit rate ≤ 1 point below feature-matched Caffeine's", " points",
                                perRound(rounds, runs -> hitRate(memoryTier(runs, caches.get(1))) - hitRate(memoryTier(runs, caches.get(0)))),
                                1.0)));
    }

    private static ToDoubleFunction<Runs> ratioOfRet(String baseline) {
        return runs -> score(memoryTier(runs, MemoryTierBenchmark.RET)) / score(memoryTier(runs, baseline));
    }

    private static Summary sqliteTierTable(List<Runs> rounds) {
        ToDoubleFunction<Runs> putRatio = runs -> mean(sqlite(runs, SqliteTierBenchmark.PUT, SqliteTierBenchmark.RAW_PUT))
                / mean(sqlite(runs, SqliteTierBenchmark.PUT, SqliteTierBenchmark.RET_PUT));
        ToDoubleFunction<Runs> getRatio = runs -> mean(sqlite(runs, SqliteTierBenchmark.GET, SqliteTierBenchmark.RAW_GET))
                / mean(sqlite(runs, SqliteTierBenchmark.GET, SqliteTierBenchmark.RET_GET));
        ToDoubleFunction<Runs> getP50 = runs -> p50(sqlite(runs, SqliteTierBenchmark.GET, SqliteTierBenchmark.RET_GET));
        List<double[]> values = new ArrayList<>();
        for (Runs runs : rounds) {
            Result<?> retPut = sqlite(runs, SqliteTierBenchmark.PUT, SqliteTierBenchmark.RET_PUT);
            Result<?> rawPut = sqlite(runs, SqliteTierBenchmark.PUT, SqliteTierBenchmark.RAW_PUT);
            Result<?> retGet = sqlite(runs, SqliteTierBenchmark.GET, SqliteTierBenchmark.RET_GET);
            Result<?> rawGet = sqlite(runs, SqliteTierBenchmark.GET, SqliteTierBenchmark.RAW_GET);
            values.add(new double[] {mean(retPut), mean(rawPut), p50(retPut), p50(rawPut), p99(retPut), p99(rawPut),
                    mean(retGet), mean(rawGet), p50(retGet), p50(rawGet), p99(retGet), p99(rawGet)});
        }
        return new Summary("P2 — SQLite tier vs raw sqlite-jdbc, side by side (1 thread each), WAL + synchronous=FULL, 10 000 rows",
                List.of("put mean µs ret", "put mean µs raw", "put p50 µs ret", "put p50 µs raw", "put p99 µs ret", "put p99 µs raw",
                        "get mean µs ret", "get mean µs raw", "get p50 µs ret", "get p50 µs raw", "get p99 µs ret", "get p99 µs raw"),
                values,
                List.of(Verdict.atLeast("durable put ≥ 0.8× raw (throughput: raw mean time / ours)", "×", perRound(rounds, putRatio), 0.8),
                        Verdict.atLeast("point get ≥ 0.8× raw (throughput: raw mean time / ours)", "×", perRound(rounds, getRatio), 0.8),
                        Verdict.atMost("point get p50 ≤ 20 µs", " µs", perRound(rounds, getP50), 20)));
    }

    private static Summary tieredCacheTable(List<Runs> rounds) {
        ToDoubleFunction<Runs> ratio = runs -> score(runs.find("path", TieredCacheBenchmark.TIERED))
                / score(runs.find("path", TieredCacheBenchmark.MEMORY));
        List<double[]> values = new ArrayList<>();
        for (Runs runs : rounds) {
            RunResult tiered = runs.find("path", TieredCacheBenchmark.TIERED);
            RunResult memory = runs.find("path", TieredCacheBenchmark.MEMORY);
            values.add(new double[] {score(tiered), score(memory), hitRate(tiered), hitRate(memory)});
        }
        return new Summary("P3 — tiered cache get on a memory hit, 2 threads, 1 000 keys",
                List.of("ret-tiered-cache ops/µs", "memory-tier-alone ops/µs", "tiered hit rate %", "memory hit rate %"),
                values,
                List.of(Verdict.atLeast("tiered ≥ 0.8× memory tier alone", "×", perRound(rounds, ratio), 0.8)));
    }

    /** What one target measured: a column per figure, a row per round, and the targets judged on their medians. */
    record Summary(String title, List<String> columns, List<double[]> rounds, List<Verdict> verdicts) {
        String markdown(String context) {
            List<String> lines = new ArrayList<>();
            lines.add("### " + title);
            lines.add("");
            lines.add("| round | " + String.join(" | ", columns) + " |");
            lines.add("|---:|" + "---:|".repeat(columns.size()));
            for (int i = 0; i < rounds.size(); i++) {
                StringBuilder row = new StringBuilder("| " + (i + 1) + " |");
                for (double value : rounds.get(i)) {
                    row.append(String.format(Locale.ROOT, " %.2f |", value));
                }
                lines.add(row.toString());
            }
            lines.add("");
            lines.add("| target | per round | median | verdict |");
            lines.add("|---|---|---:|---|");
            for (Verdict verdict : verdicts) {
                lines.add(String.format(Locale.ROOT, "| %s | %s | %.2f%s | %s |", verdict.target(),
                        Arrays.stream(verdict.perRound()).mapToObj(value -> String.format(Locale.ROOT, "%.2f", value)).toList(),
                        verdict.median(), verdict.unit(), verdict.met() ? "met" : "MISSED"));
            }
            lines.add("");
            lines.add(context);
            return String.join("\n", lines) + "\n";
        }

        /** Written by hand: the benchmarks module has no JSON library of its own. */
        String json(String id, String measuredAt, double loadBefore, double loadAfter) {
            StringBuilder json = new StringBuilder("{\n");
            json.append("  \"id\": \"").append(id).append("\",\n");
            json.append("  \"what\": \"").append(title).append("\",\n");
            json.append("  \"measured_at\": \"").append(measuredAt).append("\",\n");
            json.append(String.format(Locale.ROOT, "  \"load_average_before\": %.2f,%n  \"load_average_after\": %.2f,%n", loadBefore, loadAfter));
            json.append("  \"cores\": ").append(Runtime.getRuntime().availableProcessors()).append(",\n");
            json.append("  \"rounds\": [\n");
            for (int i = 0; i < rounds.size(); i++) {
                List<String> fields = new ArrayList<>();
                for (int c = 0; c < columns.size(); c++) {
                    fields.add(String.format(Locale.ROOT, "\"%s\": %.3f", columns.get(c), rounds.get(i)[c]));
                }
                json.append("    {").append(String.join(", ", fields)).append(i + 1 < rounds.size() ? "},\n" : "}\n");
            }
            json.append("  ],\n  \"targets\": [\n");
            for (int i = 0; i < verdicts.size(); i++) {
                Verdict verdict = verdicts.get(i);
                json.append(String.format(Locale.ROOT,
                        "    {\"target\": \"%s\", \"per_round\": %s, \"median\": %.3f, \"wanted\": %.3f, \"met\": %b}%s%n",
                        verdict.target(), Arrays.toString(verdict.perRound()), verdict.median(), verdict.wanted(), verdict.met(),
                        i + 1 < verdicts.size() ? "," : ""));
            }
            return json.append("  ]\n}\n").toString();
        }
    }

    /** A target of TARGETS.md judged on the median of its per-round values. */
    record Verdict(String target, String unit, double[] perRound, double median, double wanted, boolean met) {
        static Verdict atLeast(String target, String unit, double[] perRound, double wanted) {
            double median = median(perRound);
            return new Verdict(target, unit, perRound, median, wanted, median >= wanted);
        }

        static Verdict atMost(String target, String unit, double[] perRound, double wanted) {
            double median = median(perRound);
            return new Verdict(target, unit, perRound, median, wanted, median <= wanted);
        }

        private static double median(double[] values) {
            double[] sorted = values.clone();
            Arrays.sort(sorted);
            int middle = sorted.length / 2;
            return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
        }
    }

    private static RunResult memoryTier(Runs runs, String cache) {
        return runs.find("cache", cache);
    }

    private static Result<?> sqlite(Runs runs, String group, String method) {
        return runs.member(group, method);
    }

    private static double[] perRound(List<Runs> rounds, ToDoubleFunction<Runs> figure) {
        return rounds.stream().mapToDouble(figure).toArray();
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

    private static double p99(Result<?> result) {
        return result.getStatistics().getPercentile(99);
    }

    /** In percent. */
    private static double hitRate(RunResult run) {
        double hits = run.getSecondaryResults().get("hits").getScore();
        double misses = run.getSecondaryResults().get("misses").getScore();
        return 100 * hits / (hits + misses);
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
