package app.ret.benchmarks;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs P7 (SQLite) and P7-PG (PostgreSQL) and prints each job queue and its baseline side by side,
 * then writes them as JSON: {@code --results FILE} for P7, {@code P7-PG.json} beside it.
 * Arguments: {@code --results FILE [--quick]}.
 */
public final class P7JobsReport {
    static final double TARGET_JOBS_PER_SECOND = 2000;

    private P7JobsReport() {}

    private record Settings(Path results, boolean quick) {
        static Settings parse(String[] args) {
            Path results = Path.of("benchmarks/results/p7.json");
            boolean quick = false;
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--results" -> results = Path.of(args[++i]);
                    case "--quick" -> quick = true;
                    default -> throw new IllegalArgumentException("unknown argument " + args[i]);
                }
            }
            return new Settings(results, quick);
        }

        int warmupIterations() {
            return 2;
        }

        int measurementIterations() {
            return quick ? 3 : 5;
        }

        TimeValue iterationTime() {
            return TimeValue.seconds(quick ? 3 : 10);
        }
    }

    private record Rate(double jobsPerSecond, double error) {}

    /** One store's figures: the queue on it and the raw two-commit baseline on the same store. */
    private record Measured(String id, String store, String what, String baselineWhat, Rate baseline, Rate queue) {}

    public static void main(String[] args) throws IOException, RunnerException {
        Settings settings = Settings.parse(args);
        double loadBefore = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        Collection<RunResult> runs = new Runner(options(settings)).run();
        List<Measured> stores = List.of(
                new Measured("P7", "SQLite WAL + synchronous=FULL, one submitter, 2 workers",
                        "durable jobs: submit a no-op job -> a worker runs it -> stored as succeeded (SQLite WAL, synchronous=FULL, 2 workers)",
                        "raw sqlite-jdbc, per job one single-row insert commit and one single-row update commit, same pragmas",
                        rate(runs, "rawInsertUpdateCommits", ""), rate(runs, "jobQueue", "")),
                new Measured("P7-PG", "PostgreSQL with fsync on, one submitter, 2 workers (P7's shape)",
                        "durable jobs: submit a no-op job -> a worker runs it -> stored as succeeded (PostgreSQL, fsync on, one submitter, 2 workers)",
                        "raw pgjdbc on the same server, per job one single-row insert commit and one single-row update commit, one connection",
                        rate(runs, "rawPostgresInsertUpdateCommits", "1"), rate(runs, "postgresJobQueue", "1")),
                new Measured("P7-PG-8", "PostgreSQL with fsync on, 8 submitters, 8 workers",
                        "durable jobs as P7-PG, with 8 threads submitting at once and JOB_WORKERS=8 (PostgreSQL, fsync on)",
                        "raw pgjdbc on the same server, per job one single-row insert commit and one single-row update commit, 8 connections at once",
                        rate(runs, "rawPostgresInsertUpdateCommits", "8"), rate(runs, "postgresJobQueue", "8")));
        double loadAfter = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();

        for (Measured measured : stores) {
            System.out.printf(Locale.ROOT, "%n%s durable jobs (submit -> no-op -> succeeded), %s%n", measured.id(), measured.store());
            System.out.printf(Locale.ROOT, "%-46s %12s%n", "", "jobs/s");
            printRow("baseline (raw insert commit + update commit)", measured.baseline());
            printRow("job queue (submit -> run -> succeeded)", measured.queue());
            System.out.printf(Locale.ROOT, "%-46s %11.2fx of the baseline%n", "ratio",
                    measured.queue().jobsPerSecond() / measured.baseline().jobsPerSecond());
            System.out.printf(Locale.ROOT, "target >= %.0f jobs/s: %s%n", TARGET_JOBS_PER_SECOND,
                    measured.queue().jobsPerSecond() >= TARGET_JOBS_PER_SECOND ? "met" : "NOT met");
        }
        System.out.printf(Locale.ROOT, "load average %.1f before, %.1f after, %d cores%n",
                loadBefore, loadAfter, Runtime.getRuntime().availableProcessors());
        for (Measured measured : stores) {
            writeJson(settings, measured, loadBefore, loadAfter);
        }
    }

    private static Options options(Settings settings) {
        return new OptionsBuilder()
                .include(JobQueueBenchmark.class.getName())
                .forks(1)
                .warmupIterations(settings.warmupIterations())
                .warmupTime(settings.iterationTime())
                .measurementIterations(settings.measurementIterations())
                .measurementTime(settings.iterationTime())
                .build();
    }

    /** The rate of {@code method}, of its run with {@code clients} when it has that parameter. */
    private static Rate rate(Collection<RunResult> runs, String method, String clients) {
        RunResult run = runs.stream()
                .filter(r -> r.getParams().getBenchmark().endsWith("." + method))
                .filter(r -> clients.isEmpty() || clients.equals(r.getParams().getParam("clients")))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("no result for " + method + " " + clients));
        return new Rate(run.getPrimaryResult().getScore(), run.getPrimaryResult().getScoreError());
    }

    /** JMH gives no error margin for fewer than three iterations. */
    private static void printRow(String label, Rate rate) {
        String margin = Double.isNaN(rate.error()) ? "" : String.format(Locale.ROOT, " ± %.0f", rate.error());
        System.out.printf(Locale.ROOT, "%-46s %12.0f%s%n", label, rate.jobsPerSecond(), margin);
    }

    /** JSON has no NaN: an unknown margin is written as -1. */
    private static double jsonNumber(double value) {
        return Double.isNaN(value) ? -1 : value;
    }

    private static void writeJson(Settings settings, Measured measured, double loadBefore, double loadAfter) throws IOException {
        Rate baseline = measured.baseline();
        Rate queue = measured.queue();
        String json = String.format(Locale.ROOT, """
                {
                  "id": "%s",
                  "what": "%s",
                  "baseline": "%s",
                  "jdk": "%s",
                  "quick": %s,
                  "jobs_per_invocation": %d,
                  "baseline_jobs_per_s": %.0f,
                  "baseline_error_99_9": %.0f,
                  "queue_jobs_per_s": %.0f,
                  "queue_error_99_9": %.0f,
                  "ratio": %.3f,
                  "target_jobs_per_s": %.0f,
                  "target_met": %s,
                  "load_average_before": %.2f,
                  "load_average_after": %.2f,
                  "cores": %d
                }
                """,
                measured.id(), measured.what(), measured.baselineWhat(),
                System.getProperty("java.version"), settings.quick(), JobQueueBenchmark.JOBS_PER_INVOCATION,
                baseline.jobsPerSecond(), jsonNumber(baseline.error()),
                queue.jobsPerSecond(), jsonNumber(queue.error()),
                queue.jobsPerSecond() / baseline.jobsPerSecond(),
                TARGET_JOBS_PER_SECOND, queue.jobsPerSecond() >= TARGET_JOBS_PER_SECOND,
                loadBefore, loadAfter, Runtime.getRuntime().availableProcessors());
        Path results = settings.results().resolveSibling(measured.id().equals("P7") ? settings.results().getFileName().toString()
                : measured.id() + ".json");
        Files.createDirectories(results.toAbsolutePath().getParent());
        Files.writeString(results, json, StandardCharsets.UTF_8);
        System.out.println("written " + results);
    }
}
