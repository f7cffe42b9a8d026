package app.ret.benchmarks;

import app.ret.adapters.files.conversion.StaxCsvConverter;
import app.ret.domain.conversion.ConversionOptions;
import app.ret.domain.conversion.ConversionResult;
import app.ret.domain.conversion.ConversionSummary;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Locale;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs P5 and prints baseline and converter side by side, then writes them as JSON.
 * Arguments: {@code --shared-data DIR --results FILE [--quick]}.
 */
public final class P5ConverterReport {
    static final String HEAP = "-Xmx256m";
    static final double TARGET_RATIO = 0.5;
    private static final double BYTES_PER_MB = 1_000_000.0;

    private P5ConverterReport() {
    }

    private record Settings(Path sharedData, Path results, boolean quick) {
        static Settings parse(String[] args) {
            ReportArguments arguments = ReportArguments.parse(args, Path.of("benchmarks/results/p5.json"));
            return new Settings(arguments.sharedData(), arguments.results(), arguments.quick());
        }

        int warmupIterations() {
            return quick ? 1 : 3;
        }

        int measurementIterations() {
            return quick ? 2 : 5;
        }

        TimeValue iterationTime() {
            return TimeValue.seconds(quick ? 5 : 10);
        }
    }

    /** The machine's load around the run: these machines are shared, and load explains wide errors. */
    private record Load(double before, double after) {
    }

    private record Throughput(double millisPerDocument, double error, double megabytesPerSecond) {
    }

    public static void main(String[] args) throws IOException, RunnerException {
        Settings settings = Settings.parse(args);
        double loadBefore = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        Path corpus = P5Corpus.generate(settings.sharedData(), Files.createTempFile("p5-corpus-", ".xml"));
        try {
            long inputBytes = Files.size(corpus);
            ConversionSummary summary = convertOnce(corpus);
            Collection<RunResult> runs = new Runner(options(settings, corpus)).run();
            Throughput baseline = throughput(runs, "bareStaxPass", inputBytes);
            Throughput converter = throughput(runs, "staxCsvConverter", inputBytes);
            double ratio = converter.megabytesPerSecond() / baseline.megabytesPerSecond();
            printTable(inputBytes, summary, baseline, converter, ratio);
            Load load = new Load(loadBefore, ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
            System.out.printf(Locale.ROOT, "load average %.1f before, %.1f after, %d cores%n",
                    load.before(), load.after(), Runtime.getRuntime().availableProcessors());
            writeJson(settings, inputBytes, summary, baseline, converter, ratio, load);
        } finally {
            Files.deleteIfExists(corpus);
        }
    }

    private static Options options(Settings settings, Path corpus) {
        return new OptionsBuilder()
                .include(ConverterThroughputBenchmark.class.getName())
                .param("input", corpus.toString())
                .jvmArgsAppend(HEAP)
                .forks(1)
                .warmupIterations(settings.warmupIterations())
                .warmupTime(settings.iterationTime())
                .measurementIterations(settings.measurementIterations())
                .measurementTime(settings.iterationTime())
                .build();
    }

    /** One conversion in this JVM (started with the same heap) for the figures JMH does not keep. */
    private static ConversionSummary convertOnce(Path corpus) throws IOException {
        Path csv = Files.createTempFile("p5-check-", ".csv");
        try (InputStream in = Files.newInputStream(corpus); OutputStream out = Files.newOutputStream(csv)) {
            ConversionResult result = new StaxCsvConverter().convert(in, out, ConversionOptions.DEFAULTS);
            if (result instanceof ConversionSummary summary) {
                return summary;
            }
            throw new IllegalStateException("the P5 corpus did not convert: " + result);
        } finally {
            Files.deleteIfExists(csv);
        }
    }

    private static Throughput throughput(Collection<RunResult> runs, String method, long inputBytes) {
        RunResult run = runs.stream()
                .filter(r -> r.getParams().getBenchmark().endsWith("." + method))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("no result for " + method));
        double millis = run.getPrimaryResult().getScore();
        return new Throughput(millis, run.getPrimaryResult().getScoreError(), inputBytes / BYTES_PER_MB / (millis / 1000));
    }

    private static void printTable(
            long inputBytes, ConversionSummary summary, Throughput baseline, Throughput converter, double ratio) {
        System.out.printf(Locale.ROOT, "%nP5 XML -> CSV, %.1f MB input, %d rows x %d columns, heap %s%n",
                inputBytes / BYTES_PER_MB, summary.rows(), summary.columns(), HEAP);
        System.out.printf(Locale.ROOT, "%-28s %12s %14s%n", "", "MB/s", "ms/document");
        printRow("baseline (bare StAX pass)", baseline);
        printRow("StaxCsvConverter", converter);
        System.out.printf(Locale.ROOT, "%-28s %11.2fx  (target >= %.1fx: %s)%n",
                "ratio", ratio, TARGET_RATIO, ratio >= TARGET_RATIO ? "met" : "NOT met");
    }

    /** JSON has no NaN: an unknown margin is written as -1. */
    private static double jsonNumber(double value) {
        return Double.isNaN(value) ? -1 : value;
    }

    /** JMH gives no error margin for fewer than three iterations. */
    private static void printRow(String label, Throughput throughput) {
        String margin = Double.isNaN(throughput.error()) ? "" : String.format(Locale.ROOT, " ± %.0f", throughput.error());
        System.out.printf(Locale.ROOT, "%-28s %12.1f %8.0f%s%n",
                label, throughput.megabytesPerSecond(), throughput.millisPerDocument(), margin);
    }

    private static void writeJson(Settings settings, long inputBytes, ConversionSummary summary,
            Throughput baseline, Throughput converter, double ratio, Load load) throws IOException {
        String json = String.format(Locale.ROOT, """
                {
                  "id": "P5",
                  "what": "XML -> CSV throughput, StaxCsvConverter vs a bare StAX pass over the same file",
                  "jdk": "%s",
                  "heap": "%s",
                  "quick": %s,
                  "input_bytes": %d,
                  "rows": %d,
                  "columns": %d,
                  "csv_bytes": %d,
                  "baseline_mb_per_s": %.1f,
                  "converter_mb_per_s": %.1f,
                  "baseline_ms_per_document": %.1f,
                  "baseline_ms_error_99_9": %.1f,
                  "converter_ms_per_document": %.1f,
                  "converter_ms_error_99_9": %.1f,
                  "load_average_before": %.2f,
                  "load_average_after": %.2f,
                  "cores": %d,
                  "ratio": %.3f,
                  "target_ratio": %.1f,
                  "target_met": %s
                }
                """,
                System.getProperty("java.version"), HEAP, settings.quick(), inputBytes,
                summary.rows(), summary.columns(), summary.bytesWritten(),
                baseline.megabytesPerSecond(), converter.megabytesPerSecond(),
                baseline.millisPerDocument(), jsonNumber(baseline.error()),
                converter.millisPerDocument(), jsonNumber(converter.error()),
                load.before(), load.after(), Runtime.getRuntime().availableProcessors(),
                ratio, TARGET_RATIO, ratio >= TARGET_RATIO);
        Path results = settings.results();
        Files.createDirectories(results.toAbsolutePath().getParent());
        Files.writeString(results, json, StandardCharsets.UTF_8);
        System.out.println("written " + results);
    }
}
