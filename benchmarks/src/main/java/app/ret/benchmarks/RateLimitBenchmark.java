package app.ret.benchmarks;

import app.ret.adapters.files.comparison.ExternalSortComparer;
import app.ret.adapters.files.conversion.DiskConversionCache;
import app.ret.adapters.files.workspace.DiskSessionFiles;
import app.ret.adapters.files.workspace.DiskWorkspace;
import app.ret.adapters.files.conversion.StaxCsvConverter;
import app.ret.adapters.files.conversion.StaxElementScanner;
import app.ret.adapters.files.preview.StreamingCsvTableReader;
import app.ret.adapters.files.workbook.FastexcelWorkbookWriter;
import app.ret.adapters.security.HmacDeviceCookieCodec;
import app.ret.adapters.security.Hs256AccessTokenCodec;
import app.ret.adapters.security.Pbkdf2PasswordHasher;
import app.ret.adapters.memory.InMemoryCacheTier;
import app.ret.adapters.memory.InMemoryJobStore;
import app.ret.adapters.memory.InMemoryRateLimitStore;
import app.ret.adapters.memory.InMemoryRefreshTokenStore;
import app.ret.adapters.memory.InMemorySessionStore;
import app.ret.adapters.memory.InMemoryUserStore;
import app.ret.application.auth.AuthSettings;
import app.ret.application.cache.CacheDependencies;
import app.ret.application.CoreDependencies;
import app.ret.application.files.FilesDependencies;
import app.ret.application.jobs.JobSettings;
import app.ret.application.ratelimit.RateLimitSettings;
import app.ret.application.RetCore;
import app.ret.bootstrap.MillisecondClock;
import app.ret.domain.files.ArchiveLimits;
import app.ret.domain.files.FileLimits;
import app.ret.domain.ratelimit.RateLimit;
import app.ret.domain.ratelimit.RateLimitDecision;
import app.ret.domain.ratelimit.RateLimitKey;
import app.ret.domain.session.SessionTimeouts;
import app.ret.ports.in.RateLimitUseCase;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * P4 of TARGETS.md: one API rate-limit check through the core's use case, wired as {@code serve}
 * wires it (in-memory store, {@link MillisecondClock}), 2 threads over 10k keys, against the floor
 * any limiter pays: a {@code ConcurrentHashMap<String, AtomicLong>} increment on the same keys.
 * {@code check} is the usual case (the request is counted: one CAS); {@code checkRefused} hits keys
 * that used up their window (nothing is written); {@code checkReadingTheSystemClock} is
 * {@code check} with the plain system clock, which shows what the ticking clock saves.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Threads(2)
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
public class RateLimitBenchmark {
    static final int KEYS = 10_000;

    private final String[] names = new String[KEYS];
    private final RateLimitKey[] keys = new RateLimitKey[KEYS];
    private final ConcurrentMap<String, AtomicLong> counters = new ConcurrentHashMap<>();
    private MillisecondClock clock;
    private RateLimitUseCase admitting;
    private RateLimitUseCase exhausted;
    private RateLimitUseCase admittingOnSystemClock;

    @State(Scope.Thread)
    public static class KeyPicker {
        private final SplittableRandom random = new SplittableRandom(Thread.currentThread().getId());

        int next() {
            return random.nextInt(KEYS);
        }
    }

    @Setup
    public void setUp() {
        for (int i = 0; i < KEYS; i++) {
            names[i] = "ip:10." + (i >> 16 & 0xff) + "." + (i >> 8 & 0xff) + "." + (i & 0xff);
            keys[i] = new RateLimitKey(names[i]);
        }
        clock = MillisecondClock.start(Clock.systemUTC());
        RateLimit unlimited = new RateLimit(Integer.MAX_VALUE, Duration.ofHours(1));
        admitting = limiter(unlimited, clock);
        admittingOnSystemClock = limiter(unlimited, Clock.systemUTC());
        exhausted = limiter(new RateLimit(100, Duration.ofHours(1)), clock);
        for (RateLimitKey key : keys) {
            for (int i = 0; i < 101; i++) {
                exhausted.check(key);
            }
        }
    }

    @TearDown
    public void stopClock() {
        clock.close();
    }

    @Benchmark
    public long baselineConcurrentHashMapIncrement(KeyPicker picker) {
        return counters.computeIfAbsent(names[picker.next()], name -> new AtomicLong()).incrementAndGet();
    }

    @Benchmark
    public RateLimitDecision check(KeyPicker picker) {
        return admitting.check(keys[picker.next()]);
    }

    @Benchmark
    public RateLimitDecision checkRefused(KeyPicker picker) {
        return exhausted.check(keys[picker.next()]);
    }

    @Benchmark
    public RateLimitDecision checkReadingTheSystemClock(KeyPicker picker) {
        return admittingOnSystemClock.check(keys[picker.next()]);
    }

    private static RateLimitUseCase limiter(RateLimit requests, Clock clock) {
        SplittableRandom random = new SplittableRandom(4);
        // The limiter touches no file; the workspace and the conversion cache are only named, never created.
        Path unusedRoot = Path.of(System.getProperty("java.io.tmpdir"), "ret-rate-limit-benchmark");
        DiskWorkspace workspace = new DiskWorkspace(unusedRoot);
        CoreDependencies dependencies = new CoreDependencies(
                clock,
                random,
                new AuthSettings(Duration.ofMinutes(30), Duration.ofDays(7),
                        new SessionTimeouts(Duration.ofMinutes(60), Duration.ofHours(12)), 1000, 5, Duration.ofSeconds(10)),
                new InMemoryUserStore(),
                new InMemorySessionStore(),
                new InMemoryRefreshTokenStore(),
                new Hs256AccessTokenCodec(new byte[32]), new HmacDeviceCookieCodec(new byte[32]),
                new Pbkdf2PasswordHasher(random),
                workspace,
                List.of(),
                new RateLimitSettings(requests, new RateLimit(5, Duration.ofSeconds(300)), 1, 1),
                new InMemoryRateLimitStore(),
                new InMemoryRateLimitStore(),
                new CacheDependencies(new InMemoryCacheTier(100, 1 << 20), new InMemoryCacheTier(100, 1 << 20), Duration.ofHours(1)),
                new InMemoryJobStore(),
                JobSettings.of(1, 3, Duration.ofHours(1), false),
                Executors.defaultThreadFactory(),
                Duration.ofSeconds(30),
                new FilesDependencies(new DiskSessionFiles(workspace),
                        new FileLimits(1 << 20, 1 << 20, 1 << 20, new ArchiveLimits(100, 1 << 20, 200, ArchiveLimits.DEFAULT_MAX_DEPTH)),
                        new StaxCsvConverter(), new DiskConversionCache(unusedRoot), new StreamingCsvTableReader(), new StaxElementScanner(),
                        new FastexcelWorkbookWriter(unusedRoot), new ExternalSortComparer(unusedRoot)));
        return RetCore.create(dependencies).rateLimit();
    }
}
