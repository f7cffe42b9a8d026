package app.ret.benchmarks;

import app.ret.bootstrap.RetConfig;
import app.ret.bootstrap.RetRuntime;
import app.ret.domain.cache.CacheKey;
import app.ret.ports.in.CacheUseCase;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import redis.clients.jedis.Jedis;

/**
 * P10: RET's tiered cache beside Redis, what its users ran before. Same keys (10,000 under a session
 * namespace), same values (100 B and 10 KB of JSON), 2 threads: RET's get answered from memory and
 * from SQLite (a memory tier that holds one entry) against Redis {@code GET} over loopback; RET's
 * durable put (committed, {@code synchronous=FULL}) against Redis {@code SET} with
 * {@code appendfsync always} (the one Redis mode with the same promise) and, labelled as not
 * equivalent, {@code appendfsync everysec}. Each figure is measured for {@code --seconds} in each of
 * {@code --rounds} rounds, contenders alternating; every 16th operation is timed for p50/p99.
 * The bytes each operation allocates in this JVM (for Redis: the client's side) come from the
 * measuring threads' allocation counters.
 * Arguments: {@code --results --redis-port --seconds --rounds}.
 */
public final class P10RedisComparison {
    static final double TARGET_MEMORY_HIT = 20;
    static final double TARGET_SQLITE_HIT = 2;
    static final double TARGET_DURABLE_PUT = 1;
    private static final int KEYS = 10_000;
    private static final int THREADS = 2;
    private static final int TIMED_EVERY = 16;
    private static final Duration TTL = Duration.ofHours(1);
    private static final List<Integer> VALUE_SIZES = List.of(100, 10 * 1024);
    private static final com.sun.management.ThreadMXBean THREAD_BEAN =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private P10RedisComparison() {}

    /** Requests per second, the latency percentiles of the sampled operations, and bytes allocated per operation. */
    record Measured(double opsPerSecond, double p50Micros, double p99Micros, double bytesPerOperation) {}

    interface Operation {
        void run(int key) throws Exception;
    }

    /** Each measuring thread makes its own operation (a Redis client holds one connection and is not shared). */
    interface PerThread {
        Operation create();
    }

    public static void main(String[] args) throws Exception {
        BenchmarkArguments arguments = new BenchmarkArguments(args);
        Duration window = Duration.ofSeconds(arguments.integer("seconds", 5));
        int rounds = arguments.integer("rounds", 3);
        int redisPort = arguments.integer("redis-port", 0);
        Report report = new Report("P10", "RET's tiered cache beside Redis " + redisVersion(redisPort) + " on loopback (Jedis), "
                + KEYS + " keys, " + THREADS + " threads, " + window.toSeconds() + " s per figure, " + rounds + " rounds");
        Path work = Files.createTempDirectory("ret-p10-");
        String[] keys = new String[KEYS];
        for (int i = 0; i < KEYS; i++) {
            keys[i] = String.format(Locale.ROOT, "session:0123456789abcdef0123456789abcdef:state:k%05d", i);
        }
        CacheKey[] cacheKeys = Arrays.stream(keys).map(CacheKey::new).toArray(CacheKey[]::new);
        Map<String, List<Measured>> figures = new LinkedHashMap<>();
        List<Double> loads = new ArrayList<>();
        try (Jedis redis = new Jedis("127.0.0.1", redisPort);
             RetRuntime memoryHits = open(work.resolve("memory"), KEYS * 2);
             RetRuntime sqliteHits = open(work.resolve("sqlite"), 1)) {
            CacheUseCase fromMemory = memoryHits.core().cache();
            CacheUseCase fromSqlite = sqliteHits.core().cache();
            for (int size : VALUE_SIZES) {
                byte[] value = jsonOf(size);
                byte[][] redisKeys = Arrays.stream(keys).map(key -> key.getBytes(StandardCharsets.UTF_8)).toArray(byte[][]::new);
                setAppendFsync(redis, "everysec");
                for (int i = 0; i < KEYS; i++) {
                    fromMemory.put(cacheKeys[i], value, TTL);
                    fromSqlite.put(cacheKeys[i], value, TTL);
                    redis.set(redisKeys[i], value);
                }
                PerThread redisGet = () -> {
                    Jedis jedis = new Jedis("127.0.0.1", redisPort);
                    return key -> require(jedis.get(redisKeys[key]) != null);
                };
                PerThread redisSet = () -> {
                    Jedis jedis = new Jedis("127.0.0.1", redisPort);
                    return key -> jedis.set(redisKeys[key], value);
                };
                Map<String, PerThread> contenders = new LinkedHashMap<>();
                contenders.put("Redis GET", redisGet);
                contenders.put("RET get, memory hit", () -> key -> require(fromMemory.get(cacheKeys[key]).isPresent()));
                contenders.put("RET get, SQLite hit", () -> key -> require(fromSqlite.get(cacheKeys[key]).isPresent()));
                contenders.put("Redis SET, appendfsync always", redisSet);
                contenders.put("RET durable put", () -> key -> fromSqlite.put(cacheKeys[key], value, TTL));
                contenders.put("Redis SET, appendfsync everysec (not equivalent: may lose the last second)", redisSet);
                for (Map.Entry<String, PerThread> contender : contenders.entrySet()) {
                    prepare(redis, contender.getKey());
                    measure(contender.getValue(), Duration.ofSeconds(2)); // warm-up
                }
                for (int round = 0; round < rounds; round++) {
                    loads.add(ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
                    for (Map.Entry<String, PerThread> contender : contenders.entrySet()) {
                        prepare(redis, contender.getKey());
                        figures.computeIfAbsent(label(size, contender.getKey()), name -> new ArrayList<>())
                                .add(measure(contender.getValue(), window));
                    }
                }
            }
        }
        fill(report, figures, loads);
        report.printAndWrite(arguments.results());
    }

    private static RetRuntime open(Path root, int memoryEntries) {
        return RetRuntime.open(RetConfig.from(Map.of(
                "RET_RUNTIME_ROOT", root.toString(),
                "JWT_SECRET_KEY", "benchmark-key-0123456789abcdef-0123456789",
                "SESSION_CACHE_MAX_SIZE", Integer.toString(memoryEntries),
                "SESSION_CACHE_MAX_BYTES", Long.toString(1L << 30))), Clock.systemUTC(), new SecureRandom());
    }

    private static String label(int size, String contender) {
        return (size >= 1024 ? size / 1024 + " KB" : size + " B") + " | " + contender;
    }

    /** The Redis SET contenders name their fsync policy; set it before they run. */
    private static void prepare(Jedis redis, String contender) {
        if (contender.contains("appendfsync always")) {
            setAppendFsync(redis, "always");
        } else if (contender.contains("appendfsync everysec")) {
            setAppendFsync(redis, "everysec");
        }
    }

    private static void setAppendFsync(Jedis redis, String policy) {
        redis.configSet("appendfsync", policy);
    }

    private static String redisVersion(int port) {
        try (Jedis jedis = new Jedis("127.0.0.1", port)) {
            return jedis.info("server").lines().filter(line -> line.startsWith("redis_version:")).findFirst()
                    .map(line -> line.substring("redis_version:".length()).trim()).orElse("?")
                    + " (appendonly yes)";
        }
    }

    static byte[] jsonOf(int size) {
        StringBuilder json = new StringBuilder("{\"items\":[");
        int item = 0;
        while (json.length() < size - 20) {
            json.append(item == 0 ? "" : ",").append("{\"id\":").append(item++).append(",\"v\":\"x\"}");
        }
        json.append("],\"pad\":\"");
        while (json.length() < size - 2) {
            json.append('p');
        }
        json.append("\"}");
        return json.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void require(boolean found) {
        if (!found) {
            throw new IllegalStateException("a key written before the run was not found");
        }
    }

    /** {@value #THREADS} threads run {@code operation} on uniformly random keys for {@code window}. */
    static Measured measure(PerThread contender, Duration window) throws InterruptedException {
        AtomicBoolean running = new AtomicBoolean(true);
        long[][] samples = new long[THREADS][];
        long[] counts = new long[THREADS];
        long[] allocated = new long[THREADS];
        int[] sampled = new int[THREADS];
        List<Thread> threads = new ArrayList<>();
        RuntimeException[] failure = new RuntimeException[1];
        for (int t = 0; t < THREADS; t++) {
            int thread = t;
            samples[t] = new long[1 << 20];
            Operation operation = contender.create();
            threads.add(new Thread(() -> {
                ThreadLocalRandom random = ThreadLocalRandom.current();
                long done = 0;
                int taken = 0;
                long allocatedBefore = THREAD_BEAN.getCurrentThreadAllocatedBytes();
                try {
                    while (running.get()) {
                        int key = random.nextInt(KEYS);
                        if ((done & (TIMED_EVERY - 1)) == 0 && taken < samples[thread].length) {
                            long started = System.nanoTime();
                            operation.run(key);
                            samples[thread][taken++] = System.nanoTime() - started;
                        } else {
                            operation.run(key);
                        }
                        done++;
                    }
                } catch (Exception e) {
                    failure[0] = e instanceof RuntimeException runtime ? runtime : new IllegalStateException(e);
                }
                allocated[thread] = THREAD_BEAN.getCurrentThreadAllocatedBytes() - allocatedBefore;
                counts[thread] = done;
                sampled[thread] = taken;
            }));
        }
        long started = System.nanoTime();
        threads.forEach(Thread::start);
        Thread.sleep(window.toMillis());
        running.set(false);
        for (Thread thread : threads) {
            thread.join();
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        if (failure[0] != null) {
            throw failure[0];
        }
        long[] all = new long[Arrays.stream(sampled).sum()];
        int at = 0;
        for (int t = 0; t < THREADS; t++) {
            System.arraycopy(samples[t], 0, all, at, sampled[t]);
            at += sampled[t];
        }
        Arrays.sort(all);
        long operations = Arrays.stream(counts).sum();
        return new Measured(operations / seconds, percentile(all, 0.50) / 1000.0, percentile(all, 0.99) / 1000.0,
                (double) Arrays.stream(allocated).sum() / Math.max(1, operations));
    }

    private static long percentile(long[] sorted, double quantile) {
        return sorted.length == 0 ? 0 : sorted[Math.min(sorted.length - 1, (int) (sorted.length * quantile))];
    }

    private static void fill(Report report, Map<String, List<Measured>> figures, List<Double> loads) {
        report.columns("value | operation", "ops/s (median)", "p50 µs", "p99 µs", "B allocated/op", "ops/s per round");
        figures.forEach((name, rounds) -> report.row(name, median(rounds, Measured::opsPerSecond), median(rounds, Measured::p50Micros),
                median(rounds, Measured::p99Micros), median(rounds, Measured::bytesPerOperation),
                rounds.stream().map(m -> Report.cell(m.opsPerSecond())).toList().toString()));
        for (int size : VALUE_SIZES) {
            double redisGet = rate(figures, label(size, "Redis GET"));
            double redisAlways = rate(figures, label(size, "Redis SET, appendfsync always"));
            ratio(report, size, "get, memory hit / Redis GET", rate(figures, label(size, "RET get, memory hit")) / redisGet, TARGET_MEMORY_HIT);
            ratio(report, size, "get, SQLite hit / Redis GET", rate(figures, label(size, "RET get, SQLite hit")) / redisGet, TARGET_SQLITE_HIT);
            ratio(report, size, "durable put / Redis SET appendfsync always", rate(figures, label(size, "RET durable put")) / redisAlways,
                    TARGET_DURABLE_PUT);
        }
        report.details().put("load_average_per_round", loads.toString());
    }

    private static void ratio(Report report, int size, String what, double ratio, double wanted) {
        String name = (size >= 1024 ? size / 1024 + " KB" : size + " B") + ": " + what;
        report.target(name, Report.cell(ratio) + "x", ">= " + Report.cell(wanted) + "x", ratio >= wanted);
        report.details().put(name, ratio);
    }

    private static double rate(Map<String, List<Measured>> figures, String name) {
        return median(figures.get(name), Measured::opsPerSecond);
    }

    private static double median(List<Measured> rounds, java.util.function.ToDoubleFunction<Measured> figure) {
        double[] values = rounds.stream().mapToDouble(figure).sorted().toArray();
        int middle = values.length / 2;
        return values.length % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
    }
}
