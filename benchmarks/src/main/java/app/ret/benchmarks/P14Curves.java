package app.ret.benchmarks;

import app.ret.bootstrap.testing.JavaProcess;
import app.ret.adapters.sqlite.SqliteCacheTier;
import app.ret.adapters.sqlite.SqliteDatabase;
import app.ret.adapters.sqlite.SqliteJobStore;
import app.ret.bootstrap.RetConfig;
import app.ret.bootstrap.RetRuntime;
import app.ret.domain.cache.CacheEntry;
import app.ret.domain.cache.CacheKey;
import app.ret.domain.job.JobId;
import app.ret.domain.job.JobParameters;
import app.ret.domain.job.JobSpec;
import app.ret.domain.job.JobType;
import app.ret.domain.job.QueuedJob;
import app.ret.domain.session.SessionId;
import app.ret.ports.in.CacheUseCase;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongFunction;

/**
 * P14: how RET's costs grow with its data, as curves. In each of {@code --rounds} rounds, every point
 * of every curve is measured once (the sizes of a curve in rotated order, so none is always first);
 * each point's figure is the median of its rounds.
 * <ul>
 *   <li>SQLite tier point get and durable put (100 B values) at 10 k, 1 M and 10 M stored entries:
 *       single-thread latency of random existing keys, p50 and p99.</li>
 *   <li>Job claim ({@code claimNext}, one durable commit) with 0, 10 k and 1 M succeeded jobs retained.</li>
 *   <li>Expiry sweep of 1 M expired rows ({@code CacheUseCase.sweepExpired}, the scheduler's task): rows
 *       removed per second, and the latency of the state GET's store path (tiered cache get answered
 *       by SQLite, 2 threads) during the sweep and just before it without one.</li>
 *   <li>Start-up of {@code java -jar ret.jar serve} to the first {@code /readyz} 200 with a 1 GB
 *       database, beside the same with an empty one (both restarts; warm page cache).</li>
 * </ul>
 * The query plans of the statements measured are recorded with the figures. Writes
 * {@code benchmarks/results/P14.json}, whose {@code details.curves} {@code benchmarks/p14-charts.py} draws.
 * Arguments: {@code --results --cache DIR --jar --rounds N --entries 10000,1000000,10000000
 * --jobs 0,10000,1000000 --expired N --database-mb N --only cache,jobs,sweep,startup}.
 */
public final class P14Curves {
    static final double TARGET_GROWTH = 2.0;
    static final double TARGET_STARTUP_MILLIS = 1500;
    private static final int VALUE_BYTES = 100;
    private static final int GETS_PER_POINT = 20_000;
    private static final int PUTS_PER_POINT = 200;
    private static final int CLAIMS_PER_POINT = 200;
    private static final int LIVE_KEYS = 10_000;
    private static final int READERS = 2;
    private static final Duration BASELINE_WINDOW = Duration.ofSeconds(3);
    private static final Duration TTL = Duration.ofHours(1);

    private final BenchmarkArguments arguments;
    private final P14Databases databases;
    private final int rounds;
    private final Report report;
    private final ArrayNode curves;
    private final Map<String, String> plans = new LinkedHashMap<>();

    private P14Curves(BenchmarkArguments arguments) {
        this.arguments = arguments;
        this.databases = new P14Databases(arguments.path("cache", "benchmarks/target/p14"));
        this.rounds = arguments.integer("rounds", 3);
        this.report = new Report("P14", "How cost grows with the data (SQLite), median of " + rounds + " rounds");
        report.columns("curve", "data", "p50", "p99", "p50 per round", "load avg per round");
        this.curves = report.details().putArray("curves");
    }

    public static void main(String[] args) throws Exception {
        BenchmarkArguments arguments = new BenchmarkArguments(args);
        P14Curves curves = new P14Curves(arguments);
        List<String> only = Arrays.asList(arguments.text("only", "cache,jobs,sweep,startup").split(","));
        if (only.contains("cache")) {
            curves.cacheTier(longs(arguments.text("entries", "10000,1000000,10000000")));
        }
        if (only.contains("jobs")) {
            curves.jobClaim(longs(arguments.text("jobs", "0,10000,1000000")));
        }
        if (only.contains("sweep")) {
            curves.expirySweep(arguments.integer("expired", 1_000_000));
        }
        if (only.contains("startup")) {
            curves.startUp(arguments.integer("database-mb", 1024) * 1024L * 1024L);
        }
        curves.finish();
    }

    private static long[] longs(String list) {
        return Arrays.stream(list.split(",")).mapToLong(Long::parseLong).toArray();
    }

    /** One measured figure of one point in one round. */
    private record Sample(double p50, double p99, double load) {}

    // ---- SQLite tier get and put -------------------------------------------------------------

    private void cacheTier(long[] sizes) throws Exception {
        Map<Long, SqliteDatabase> opened = new LinkedHashMap<>();
        Map<Long, SqliteCacheTier> tiers = new LinkedHashMap<>();
        try {
            for (long size : sizes) {
                Path file = databases.cache(size, VALUE_BYTES);
                SqliteDatabase database = SqliteDatabase.open(file, Clock.systemUTC());
                opened.put(size, database);
                tiers.put(size, new SqliteCacheTier(database));
                report.details().put("cache database MB at " + P14Databases.describe(size), P14Databases.sizeOf(file) / 1e6);
            }
            explain(databases.cache(sizes[0], VALUE_BYTES), "cache get",
                    "SELECT value, created_at, expires_at FROM cache_entries WHERE key = ? AND (expires_at IS NULL OR expires_at > ?)");
            byte[] value = P14Databases.value(VALUE_BYTES);
            Map<Long, List<Sample>> gets = new LinkedHashMap<>();
            Map<Long, List<Sample>> puts = new LinkedHashMap<>();
            for (long size : sizes) {
                timeGets(tiers.get(size), size, GETS_PER_POINT / 4); // warm-up: the JIT, and the pages a get touches
            }
            for (int round = 0; round < rounds; round++) {
                for (int i = 0; i < sizes.length; i++) {
                    long size = sizes[(i + round) % sizes.length];
                    SqliteCacheTier tier = tiers.get(size);
                    gets.computeIfAbsent(size, s -> new ArrayList<>()).add(timeGets(tier, size, GETS_PER_POINT));
                    puts.computeIfAbsent(size, s -> new ArrayList<>()).add(time(PUTS_PER_POINT, n -> {
                        Instant now = Instant.now();
                        CacheKey key = new CacheKey(P14Databases.cacheKey(ThreadLocalRandom.current().nextLong(size)));
                        CacheEntry entry = new CacheEntry(key, value, now, Optional.of(now.plus(TTL)));
                        return () -> tier.put(entry);
                    }));
                }
            }
            curve("cache-get", "SQLite tier point get (100 B values)", "stored entries", "µs", gets, sizes, 1);
            curve("cache-put", "SQLite tier durable put (100 B values)", "stored entries", "ms", puts, sizes, 1e-3);
            growth("SQLite tier point get p50", gets, sizes);
            growth("SQLite tier durable put p50", puts, sizes);
        } finally {
            opened.values().forEach(SqliteDatabase::close);
        }
    }

    private Sample timeGets(SqliteCacheTier tier, long size, int count) {
        return time(count, n -> {
            CacheKey key = new CacheKey(P14Databases.cacheKey(ThreadLocalRandom.current().nextLong(size)));
            Instant now = Instant.now();
            return () -> require(tier.get(key, now).isPresent());
        });
    }

    // ---- job claim ---------------------------------------------------------------------------

    private void jobClaim(long[] sizes) throws Exception {
        Map<Long, SqliteDatabase> opened = new LinkedHashMap<>();
        Map<Long, SqliteJobStore> stores = new LinkedHashMap<>();
        try {
            for (long size : sizes) {
                Path file = databases.finishedJobs(size);
                removeUnfinished(file);
                SqliteDatabase database = SqliteDatabase.open(file, Clock.systemUTC());
                opened.put(size, database);
                stores.put(size, new SqliteJobStore(database));
            }
            explain(databases.finishedJobs(sizes[sizes.length - 1]), "job claim",
                    "SELECT * FROM jobs WHERE status = 'QUEUED' AND not_before <= ? ORDER BY seq LIMIT 1");
            Map<Long, List<Sample>> claims = new LinkedHashMap<>();
            SessionId owner = new SessionId(P14Databases.jobsSession());
            for (int round = 0; round < rounds; round++) {
                for (int i = 0; i < sizes.length; i++) {
                    long size = sizes[(i + round) % sizes.length];
                    SqliteJobStore store = stores.get(size);
                    for (int j = 0; j < CLAIMS_PER_POINT; j++) {
                        store.enqueue(QueuedJob.submit(new JobSpec(JobId.fromRandomBytes(randomBytes(JobId.RANDOM_BYTES)), owner,
                                new JobType("test"), JobParameters.NONE, Instant.now(), 3)));
                    }
                    claims.computeIfAbsent(size, s -> new ArrayList<>()).add(time(CLAIMS_PER_POINT, n -> {
                        Instant now = Instant.now();
                        return () -> require(store.claimNext(now, now.plus(TTL)).isPresent());
                    }));
                }
            }
            curve("job-claim", "Job claim (one durable commit)", "succeeded jobs retained", "ms", claims, sizes, 1e-3);
            growth("job claim p50", claims, sizes);
        } finally {
            opened.values().forEach(SqliteDatabase::close);
            for (long size : sizes) {
                removeUnfinished(databases.finishedJobs(size));
            }
        }
    }

    /** The claimed jobs of a run are the harness's, not part of the retained history: removed before and after. */
    private static void removeUnfinished(Path file) throws SQLException {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
             Statement delete = connection.createStatement()) {
            delete.execute("PRAGMA foreign_keys=ON");
            delete.executeUpdate("DELETE FROM jobs WHERE status IN ('QUEUED', 'RUNNING')");
        }
    }

    // ---- expiry sweep ------------------------------------------------------------------------

    private void expirySweep(int expired) throws Exception {
        Path template = databases.expiredCache(expired, LIVE_KEYS, VALUE_BYTES);
        explain(template, "expiry sweep batch",
                "DELETE FROM cache_entries WHERE rowid IN (SELECT rowid FROM cache_entries WHERE expires_at <= ? LIMIT ?)");
        List<Sample> without = new ArrayList<>();
        List<Sample> during = new ArrayList<>();
        List<Sample> rates = new ArrayList<>();
        for (int round = 0; round < rounds; round++) {
            Path work = Files.createTempDirectory("ret-p14-sweep-");
            Path copy = work.resolve("ret_session.db");
            Files.copy(template, copy, StandardCopyOption.REPLACE_EXISTING);
            try (RetRuntime runtime = RetRuntime.open(RetConfig.from(Map.of(
                    "RET_RUNTIME_ROOT", work.resolve("root").toString(),
                    "RET_SESSION_DB", copy.toString(),
                    "JWT_SECRET_KEY", "benchmark-key-0123456789abcdef-0123456789",
                    "SWEEP_INTERVAL_SECONDS", "86400",
                    "SESSION_CACHE_MAX_SIZE", "1")), Clock.systemUTC(), new SecureRandom())) {
                CacheUseCase cache = runtime.core().cache();
                double load = loadAverage();
                without.add(readWhile(cache, expired, () -> sleep(BASELINE_WINDOW), load));
                long[] removed = new long[1];
                long[] nanos = new long[1];
                during.add(readWhile(cache, expired, () -> {
                    long started = System.nanoTime();
                    removed[0] = cache.sweepExpired();
                    nanos[0] = System.nanoTime() - started;
                }, load));
                if (removed[0] != expired) {
                    throw new IllegalStateException("the sweep removed " + removed[0] + " rows, not " + expired);
                }
                double perSecond = removed[0] / (nanos[0] / 1e9);
                rates.add(new Sample(perSecond, perSecond, load));
            } finally {
                deleteTree(work);
            }
        }
        String data = P14Databases.describe(expired) + " expired rows";
        Sample baseline = medians(without);
        Sample sweeping = medians(during);
        Sample rate = medians(rates);
        report.row("state GET path (SQLite hit, " + READERS + " threads), no sweep", data + " stored", Report.cell(baseline.p50()) + " µs",
                Report.cell(baseline.p99()) + " µs", perRound(without), loads(without));
        report.row("state GET path during the sweep", data + " being removed", Report.cell(sweeping.p50()) + " µs",
                Report.cell(sweeping.p99()) + " µs", perRound(during), loads(during));
        report.row("expiry sweep", data, Report.cell(rate.p50()) + " rows/s", "", perRound(rates), loads(rates));
        double ratio = sweeping.p99() / baseline.p99();
        report.target("state GET p99 during the sweep / without (" + Report.cell(sweeping.p99()) + " vs " + Report.cell(baseline.p99())
                + " µs)", Report.cell(ratio) + "x", "<= " + Report.cell(TARGET_GROWTH) + "x", ratio <= TARGET_GROWTH);
        report.target("expiry sweep rows removed per second at " + data, Report.cell(rate.p50()), "report", true);
        ObjectNode chart = curves.addObject();
        chart.put("id", "sweep-get-p99").put("title", "State GET latency, " + data + " swept").put("x", "phase").put("y", "µs");
        ArrayNode points = chart.putArray("points");
        points.addObject().put("x", "no sweep").put("p50", baseline.p50()).put("p99", baseline.p99());
        points.addObject().put("x", "during sweep").put("p50", sweeping.p50()).put("p99", sweeping.p99());
        chart.put("rows_per_second", rate.p50());
    }

    /** {@value #READERS} threads read the live keys (numbered from {@code firstLive}) until {@code work} returns; latencies in µs. */
    private static Sample readWhile(CacheUseCase cache, long firstLive, Runnable work, double load) throws InterruptedException {
        AtomicBoolean running = new AtomicBoolean(true);
        List<long[]> samples = new ArrayList<>();
        int[] taken = new int[READERS];
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < READERS; t++) {
            long[] mine = new long[1 << 22];
            samples.add(mine);
            int thread = t;
            threads.add(new Thread(() -> {
                ThreadLocalRandom random = ThreadLocalRandom.current();
                while (running.get() && taken[thread] < mine.length) {
                    CacheKey key = new CacheKey(P14Databases.cacheKey(firstLive + random.nextInt(LIVE_KEYS)));
                    long started = System.nanoTime();
                    require(cache.get(key).isPresent());
                    mine[taken[thread]++] = System.nanoTime() - started;
                }
            }));
        }
        threads.forEach(Thread::start);
        try {
            work.run();
        } finally {
            running.set(false);
            for (Thread thread : threads) {
                thread.join();
            }
        }
        long[] all = new long[Arrays.stream(taken).sum()];
        int at = 0;
        for (int t = 0; t < READERS; t++) {
            System.arraycopy(samples.get(t), 0, all, at, taken[t]);
            at += taken[t];
        }
        Arrays.sort(all);
        return new Sample(percentile(all, 0.50) / 1e3, percentile(all, 0.99) / 1e3, load);
    }

    // ---- start-up ----------------------------------------------------------------------------

    private void startUp(long bytes) throws Exception {
        Path big = databases.runtimeRootWithDatabase("startup-" + bytes / (1024 * 1024) + "mb", bytes);
        Path empty = arguments.path("cache", "benchmarks/target/p14").resolve("startup-empty");
        Files.createDirectories(empty);
        Map<String, Path> roots = new LinkedHashMap<>();
        roots.put("empty database", empty);
        roots.put(Report.cell(P14Databases.sizeOf(big.resolve("ret_session.db")) / 1e9) + " GB database", big);
        Path log = Files.createTempFile("ret-p14-startup-", ".log");
        for (Path root : roots.values()) {
            start(root, log); // first start: creates what is missing (admin user, folders); not measured
        }
        Map<String, List<Sample>> starts = new LinkedHashMap<>();
        List<String> names = new ArrayList<>(roots.keySet());
        for (int round = 0; round < rounds; round++) {
            for (int i = 0; i < names.size(); i++) {
                String name = names.get((i + round) % names.size());
                double load = loadAverage();
                double millis = start(roots.get(name), log);
                starts.computeIfAbsent(name, n -> new ArrayList<>()).add(new Sample(millis, millis, load));
            }
        }
        ObjectNode chart = curves.addObject();
        chart.put("id", "startup").put("title", "Start-up to /readyz").put("x", "database").put("y", "ms");
        ArrayNode points = chart.putArray("points");
        starts.forEach((name, samples) -> {
            Sample median = medians(samples);
            report.row("start-up to /readyz (restart)", name, Report.cell(median.p50()) + " ms", "", perRound(samples), loads(samples));
            points.addObject().put("x", name).put("p50", median.p50());
        });
        double emptyMillis = medians(starts.get(names.get(0))).p50();
        double bigMillis = medians(starts.get(names.get(1))).p50();
        report.target("start-up to /readyz with a " + names.get(1), Report.cell(bigMillis) + " ms", "<= " + Report.cell(TARGET_STARTUP_MILLIS)
                + " ms", bigMillis <= TARGET_STARTUP_MILLIS);
        report.target("start-up with the " + names.get(1) + " / with the empty one", Report.cell(bigMillis / emptyMillis) + "x", "report",
                true);
        Files.deleteIfExists(log);
    }

    private double start(Path root, Path log) {
        Map<String, String> environment = new HashMap<>();
        environment.put("RET_RUNTIME_ROOT", root.toString());
        environment.put("RET_ADMIN_PASSWORD", "p14-admin-password");
        environment.put("API_PORT", Integer.toString(JavaProcess.freePort()));
        try (ServerProcess server = ServerProcess.startRet(arguments.jar(), environment, List.of(), log)) {
            return server.awaitReady().toNanos() / 1e6;
        }
    }

    // ---- shared ------------------------------------------------------------------------------

    private interface Timed {
        void run() throws Exception;
    }

    /** Times {@code count} operations, each prepared (untimed) by {@code prepare}; p50 and p99 in µs. */
    private static Sample time(int count, LongFunction<Timed> prepare) {
        double load = loadAverage();
        long[] nanos = new long[count];
        try {
            for (int i = 0; i < count; i++) {
                Timed operation = prepare.apply(i);
                long started = System.nanoTime();
                operation.run();
                nanos[i] = System.nanoTime() - started;
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        Arrays.sort(nanos);
        return new Sample(percentile(nanos, 0.50) / 1e3, percentile(nanos, 0.99) / 1e3, load);
    }

    /** A row per point, and the curve for the charts (p50 and p99, in {@code unit} = µs × {@code scale}). */
    private void curve(String id, String title, String x, String unit, Map<Long, List<Sample>> points, long[] sizes, double scale) {
        ObjectNode chart = curves.addObject();
        chart.put("id", id).put("title", title).put("x", x).put("y", unit);
        ArrayNode values = chart.putArray("points");
        for (long size : sizes) {
            List<Sample> samples = points.get(size);
            Sample median = medians(samples);
            report.row(title, P14Databases.describe(size) + " " + x, Report.cell(median.p50() * scale) + " " + unit,
                    Report.cell(median.p99() * scale) + " " + unit, perRound(samples, scale), loads(samples));
            values.addObject().put("x", size).put("p50", median.p50() * scale).put("p99", median.p99() * scale);
        }
    }

    /** The largest point's p50 against the smallest's. */
    private void growth(String what, Map<Long, List<Sample>> points, long[] sizes) {
        long smallest = sizes[0];
        for (int i = 1; i < sizes.length; i++) {
            double ratio = medians(points.get(sizes[i])).p50() / medians(points.get(smallest)).p50();
            String name = what + " at " + P14Databases.describe(sizes[i]) + " / at " + P14Databases.describe(smallest);
            boolean judged = i == sizes.length - 1;
            report.target(name, Report.cell(ratio) + "x", judged ? "<= " + Report.cell(TARGET_GROWTH) + "x" : "report",
                    !judged || ratio <= TARGET_GROWTH);
        }
    }

    /** Records {@code EXPLAIN QUERY PLAN} of {@code sql} on {@code file}, parameters bound to NULL. */
    private void explain(Path file, String name, String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
             PreparedStatement statement = connection.prepareStatement("EXPLAIN QUERY PLAN " + sql)) {
            List<String> steps = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    steps.add(rows.getString("detail"));
                }
            }
            plans.put(name, String.join("; ", steps));
        }
    }

    private void finish() {
        ObjectNode explained = report.details().putObject("query_plans");
        plans.forEach(explained::put);
        plans.forEach((name, plan) -> System.out.println("query plan, " + name + ": " + plan));
        report.printAndWrite(arguments.results());
    }

    private static Sample medians(List<Sample> samples) {
        return new Sample(median(samples.stream().mapToDouble(Sample::p50).toArray()), median(samples.stream().mapToDouble(Sample::p99).toArray()),
                median(samples.stream().mapToDouble(Sample::load).toArray()));
    }

    private static String perRound(List<Sample> samples) {
        return perRound(samples, 1);
    }

    private static String perRound(List<Sample> samples, double scale) {
        return samples.stream().map(sample -> Report.cell(sample.p50() * scale)).toList().toString();
    }

    private static String loads(List<Sample> samples) {
        return samples.stream().map(sample -> Report.cell(sample.load())).toList().toString();
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    private static long percentile(long[] sorted, double quantile) {
        return sorted.length == 0 ? 0 : sorted[Math.min(sorted.length - 1, (int) (sorted.length * quantile))];
    }

    private static double loadAverage() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    private static byte[] randomBytes(int count) {
        byte[] bytes = new byte[count];
        ThreadLocalRandom.current().nextBytes(bytes);
        return bytes;
    }

    private static void require(boolean found) {
        if (!found) {
            throw new IllegalStateException("an entry or job the harness stored was not found");
        }
    }

    private static void sleep(Duration duration) {
        JavaProcess.sleep(duration.toMillis());
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (var paths = Files.walk(root)) {
            for (Path path : paths.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
                Files.delete(path);
            }
        }
    }
}
