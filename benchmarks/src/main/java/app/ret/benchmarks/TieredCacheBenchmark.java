package app.ret.benchmarks;

import app.ret.adapters.memory.InMemoryCacheTier;
import app.ret.bootstrap.RetConfig;
import app.ret.bootstrap.RetRuntime;
import app.ret.domain.cache.CacheEntry;
import app.ret.domain.cache.CacheKey;
import app.ret.ports.in.CacheUseCase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.ThreadParams;

/**
 * P3: a read through the tiered cache, as RET wires it (memory tier in front of the SQLite tier,
 * opened by {@link RetRuntime}), when the memory tier holds the key — against the memory tier
 * alone. Both read the system clock once per get, as the tiered cache must.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Threads(2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx512m"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class TieredCacheBenchmark {
    static final String TIERED = "ret-tiered-cache";
    static final String MEMORY = "memory-tier-alone";
    private static final int KEYS = 1000;
    private static final int SAMPLES = 1 << 16;
    private static final Clock CLOCK = Clock.systemUTC();

    @Param({TIERED, MEMORY})
    public String path;

    private CacheKey[] keys;
    private int[] accesses;
    private Path root;
    private RetRuntime runtime;
    private CacheUseCase tiered;
    private InMemoryCacheTier memory;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        keys = new CacheKey[KEYS];
        for (int i = 0; i < KEYS; i++) {
            keys[i] = CacheSamples.key(i);
        }
        accesses = new Random(42).ints(SAMPLES, 0, KEYS).toArray();
        byte[] value = new byte[64];
        if (path.equals(TIERED)) {
            root = Files.createTempDirectory("ret-p3-");
            runtime = RetRuntime.open(RetConfig.from(Map.of(
                    "RET_RUNTIME_ROOT", root.toString(),
                    "JWT_SECRET_KEY", "benchmark-key-0123456789abcdef-0123456789",
                    "SESSION_CACHE_MAX_SIZE", Integer.toString(KEYS))), CLOCK, new SecureRandom());
            tiered = runtime.core().cache();
            for (CacheKey key : keys) {
                tiered.put(key, value, Duration.ofHours(1));
            }
        } else {
            memory = new InMemoryCacheTier(KEYS, 64L << 20);
            for (CacheKey key : keys) {
                memory.put(CacheEntry.expiring(key, value, CLOCK.instant(), Duration.ofHours(1)));
            }
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        if (runtime != null) {
            runtime.close();
            try (Stream<Path> files = Files.walk(root)) {
                for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(file);
                }
            }
        }
    }

    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class Reads {
        public long hits;
        public long misses;
        private int cursor;

        @Setup(Level.Iteration)
        public void reset(ThreadParams thread) {
            hits = 0;
            misses = 0;
            cursor = thread.getThreadIndex() * (SAMPLES / Math.max(1, thread.getThreadCount()));
        }

        int next() {
            return cursor++ & (SAMPLES - 1);
        }
    }

    @Benchmark
    public void get(Reads reads) {
        CacheKey key = keys[accesses[reads.next()]];
        boolean hit = tiered != null ? tiered.get(key).isPresent() : memory.get(key, CLOCK.instant()).isPresent();
        if (hit) {
            reads.hits++;
        } else {
            reads.misses++;
        }
    }
}
