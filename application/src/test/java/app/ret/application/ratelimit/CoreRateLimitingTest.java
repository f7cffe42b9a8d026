package app.ret.application.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.ret.adapters.files.comparison.ExternalSortComparer;
import app.ret.adapters.files.conversion.DiskConversionCache;
import app.ret.adapters.files.workspace.DiskSessionFiles;
import app.ret.adapters.files.workspace.DiskWorkspace;
import app.ret.adapters.files.conversion.StaxCsvConverter;
import app.ret.adapters.files.conversion.StaxElementScanner;
import app.ret.adapters.files.preview.StreamingCsvTableReader;
import app.ret.adapters.files.workbook.FastexcelWorkbookWriter;
import app.ret.adapters.memory.InMemoryCacheTier;
import app.ret.adapters.memory.InMemoryJobStore;
import app.ret.adapters.memory.InMemoryRateLimitStore;
import app.ret.adapters.memory.InMemoryRefreshTokenStore;
import app.ret.adapters.memory.InMemorySessionStore;
import app.ret.adapters.memory.InMemoryUserStore;
import app.ret.adapters.security.HmacDeviceCookieCodec;
import app.ret.application.auth.AuthSettings;
import app.ret.application.cache.CacheDependencies;
import app.ret.application.CoreDependencies;
import app.ret.application.files.FilesDependencies;
import app.ret.application.jobs.JobSettings;
import app.ret.application.ratelimit.RateLimitSettings;
import app.ret.application.RetCore;
import app.ret.domain.files.ArchiveLimits;
import app.ret.domain.files.FileLimits;
import app.ret.domain.ratelimit.RateLimit;
import app.ret.domain.ratelimit.RateLimitDecision;
import app.ret.domain.ratelimit.RateLimitKey;
import app.ret.domain.token.AccessClaims;
import app.ret.domain.token.DeviceCookie;
import app.ret.domain.user.PasswordHash;
import app.ret.domain.user.Role;
import app.ret.ports.in.LoginUseCase.LoginCommand;
import app.ret.ports.in.LoginUseCase.LoginResult;
import app.ret.ports.out.AccessTokenCodec;
import app.ret.ports.out.PasswordHasher;
import app.ret.ports.out.RateLimitStore;
import app.ret.ports.testing.MutableClock;
import app.ret.ports.testing.SampleData;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The core's API limit and login throttling, wired with in-memory adapters and a fake clock. */
class CoreRateLimitingTest {
    private static final String PASSWORD = "correct horse";
    private static final RateLimit FIVE_FAILURES_PER_FIVE_MINUTES = new RateLimit(5, Duration.ofSeconds(300));

    private final MutableClock clock = MutableClock.atSomeFixedTime();
    private final CountingPasswordHasher hasher = new CountingPasswordHasher();
    private final ExecutorService pool = Executors.newFixedThreadPool(24);

    @TempDir
    Path runtimeRoot;

    @AfterEach
    void stopThreads() {
        pool.shutdownNow();
    }

    @Test
    void theApiLimitCountsEveryRequestOfACaller() {
        RetCore core = core(new RateLimit(3, Duration.ofSeconds(60)), 2, 2);
        RateLimitKey caller = RateLimitKey.forClientAddress("192.0.2.1");

        List<Integer> remaining = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            remaining.add(core.rateLimit().check(caller).remaining());
        }

        assertThat(remaining).containsExactly(2, 1, 0);
        assertThat(core.rateLimit().check(caller)).isEqualTo(new RateLimitDecision.Refused(3, 60));
        assertThat(core.rateLimit().policy()).isEqualTo(new RateLimit(3, Duration.ofSeconds(60)));
    }

    @Test
    void afterTheConfiguredFailuresTheNextAttemptIsThrottledWithoutHashing() {
        RetCore core = defaultCore();
        for (int i = 0; i < 5; i++) {
            assertThat(login(core, "alice", "wrong", "192.0.2.1")).isInstanceOf(LoginResult.Rejected.class);
        }
        int hashedBefore = hasher.verifications.get();
        clock.advance(Duration.ofSeconds(120));

        LoginResult throttled = login(core, "alice", PASSWORD, "192.0.2.1");

        assertThat(throttled).isEqualTo(new LoginResult.Throttled(Duration.ofSeconds(180)));
        assertThat(hasher.verifications.get()).isEqualTo(hashedBefore);
    }

    @Test
    void theThrottleLiftsWhenTheWindowCloses() {
        RetCore core = defaultCore();
        for (int i = 0; i < 5; i++) {
            login(core, "alice", "wrong", "192.0.2.1");
        }
        clock.advance(Duration.ofSeconds(300).minusMillis(1));
        assertThat(login(core, "alice", PASSWORD, "192.0.2.1")).isEqualTo(new LoginResult.Throttled(Duration.ofSeconds(1)));

        clock.advance(Duration.ofMillis(1));

        assertThat(login(core, "alice", PASSWORD, "192.0.2.1")).isInstanceOf(LoginResult.LoggedIn.class);
    }

    @Test
    void failuresForOneUsernameCountAcrossAddresses() {
        RetCore core = defaultCore();
        for (int i = 1; i <= 5; i++) {
            login(core, "alice", "wrong", "192.0.2." + i);
        }

        assertThat(login(core, "alice", PASSWORD, "198.51.100.9")).isInstanceOf(LoginResult.Throttled.class);
        assertThat(login(core, "bob", PASSWORD, "192.0.2.1")).isInstanceOf(LoginResult.LoggedIn.class);
    }

    @Test
    void oneUsersMistakesNeverLockOutOthersBehindTheSameAddress() {
        RetCore core = defaultCore();
        for (int i = 0; i < 5; i++) {
            login(core, "alice", "wrong", "192.0.2.1");
        }

        assertThat(login(core, "alice", PASSWORD, "192.0.2.1")).isInstanceOf(LoginResult.Throttled.class);
        assertThat(login(core, "erin", PASSWORD, "192.0.2.1")).isInstanceOf(LoginResult.LoggedIn.class);
    }

    @Test
    void theAddressCeilingStopsGuessingAcrossManyNames() {
        RetCore core = defaultCore();
        int ceiling = 5 * RateLimitSettings.ADDRESS_CEILING_FACTOR;
        for (int i = 0; i < ceiling; i++) {
            assertThat(login(core, "name" + (i / 5), "wrong", "192.0.2.1")).isInstanceOf(LoginResult.Rejected.class);
        }

        assertThat(login(core, "erin", PASSWORD, "192.0.2.1")).isEqualTo(new LoginResult.Throttled(Duration.ofSeconds(300)));
        assertThat(login(core, "not a valid name!", "wrong", "192.0.2.1")).isInstanceOf(LoginResult.Throttled.class);
        assertThat(login(core, "erin", PASSWORD, "192.0.2.2")).isInstanceOf(LoginResult.LoggedIn.class);
    }

    /** Issue 15: anyone could lock anyone out. The device cookie of a browser dave logged in with before keeps it working. */
    @Test
    void anAttackerLockingDaveFromFiveAddressesLocksOutNewDevicesButNotDavesOwn() {
        RetCore core = defaultCore();
        String davesDevice = loggedIn(core, "dave", "198.51.100.7", Optional.empty()).deviceCookie().value();
        for (int i = 1; i <= 5; i++) {
            assertThat(login(core, "dave", "guess-" + i, "203.0.113." + i)).isInstanceOf(LoginResult.Rejected.class);
        }

        assertThat(login(core, "dave", PASSWORD, "192.0.2.50")).isEqualTo(new LoginResult.Throttled(Duration.ofSeconds(300)));
        assertThat(login(core, "dave", PASSWORD, "198.51.100.7", Optional.of(davesDevice))).isInstanceOf(LoginResult.LoggedIn.class);
        assertThat(login(core, "dave", PASSWORD, "192.0.2.50", Optional.of(davesDevice))).isInstanceOf(LoginResult.LoggedIn.class);
        assertThat(login(core, "dave", PASSWORD, "192.0.2.51")).isInstanceOf(LoginResult.Throttled.class);
    }

    @Test
    void aDeviceCookieDoesNotExemptFromTheLimitOfItsNameAtOneAddress() {
        RetCore core = defaultCore();
        String device = loggedIn(core, "dave", "198.51.100.7", Optional.empty()).deviceCookie().value();
        for (int i = 0; i < 5; i++) {
            assertThat(login(core, "dave", "wrong", "203.0.113.1", Optional.of(device))).isInstanceOf(LoginResult.Rejected.class);
        }

        assertThat(login(core, "dave", PASSWORD, "203.0.113.1", Optional.of(device))).isInstanceOf(LoginResult.Throttled.class);
        assertThat(login(core, "dave", PASSWORD, "203.0.113.1")).isInstanceOf(LoginResult.Throttled.class);
    }

    /** A stolen device cookie buys no more guesses than one device has, however many addresses it is tried from. */
    @Test
    void aDevicesOwnFailuresAreCountedAgainstItAcrossAddresses() {
        RetCore core = defaultCore();
        String device = loggedIn(core, "dave", "198.51.100.7", Optional.empty()).deviceCookie().value();
        for (int i = 1; i <= 5; i++) {
            login(core, "dave", "wrong", "203.0.113." + i, Optional.of(device));
        }

        assertThat(login(core, "dave", PASSWORD, "192.0.2.9", Optional.of(device))).isInstanceOf(LoginResult.Throttled.class);
        assertThat(login(core, "dave", PASSWORD, "192.0.2.9")).isInstanceOf(LoginResult.LoggedIn.class);
    }

    @Test
    void onlyAGenuineUnexpiredCookieForTheSameNameExempts() {
        RetCore core = defaultCore();
        String alicesDevice = loggedIn(core, "alice", "198.51.100.7", Optional.empty()).deviceCookie().value();
        String davesDevice = loggedIn(core, "dave", "198.51.100.7", Optional.empty()).deviceCookie().value();
        for (int i = 1; i <= 5; i++) {
            login(core, "dave", "wrong", "203.0.113." + i);
        }
        String tampered = davesDevice.substring(0, davesDevice.length() - 2) + (davesDevice.endsWith("AA") ? "AB" : "AA");

        assertThat(login(core, "dave", PASSWORD, "192.0.2.9", Optional.of(alicesDevice))).isInstanceOf(LoginResult.Throttled.class);
        assertThat(login(core, "dave", PASSWORD, "192.0.2.9", Optional.of(tampered))).isInstanceOf(LoginResult.Throttled.class);
        assertThat(login(core, "dave", PASSWORD, "192.0.2.9", Optional.of("garbage"))).isInstanceOf(LoginResult.Throttled.class);
        clock.advance(DeviceCookie.LIFETIME);
        for (int i = 1; i <= 5; i++) {
            login(core, "dave", "wrong", "203.0.113." + i);
        }
        assertThat(login(core, "dave", PASSWORD, "192.0.2.9", Optional.of(davesDevice))).isInstanceOf(LoginResult.Throttled.class);
    }

    @Test
    void everySuccessfulLoginHandsOutAFreshDeviceCookie() {
        RetCore core = defaultCore();
        LoginResult.LoggedIn first = loggedIn(core, "dave", "198.51.100.7", Optional.empty());
        LoginResult.LoggedIn second = loggedIn(core, "dave", "198.51.100.7", Optional.of(first.deviceCookie().value()));

        assertThat(second.deviceCookie().value()).isNotEqualTo(first.deviceCookie().value());
        assertThat(second.deviceCookie().lifetime()).isEqualTo(DeviceCookie.LIFETIME);
    }

    @Test
    void unknownUsernamesAreThrottledExactlyLikeKnownOnes() {
        RetCore core = defaultCore();
        for (int i = 1; i <= 5; i++) {
            login(core, "ghost", "wrong", "192.0.2." + i);
            login(core, "alice", "wrong", "198.51.100." + i);
        }

        assertThat(login(core, "ghost", "wrong", "203.0.113.1")).isEqualTo(new LoginResult.Throttled(Duration.ofSeconds(300)));
        assertThat(login(core, "alice", "wrong", "203.0.113.2")).isEqualTo(new LoginResult.Throttled(Duration.ofSeconds(300)));
    }

    @Test
    void aSuccessClearsTheUsernamesFailuresAndSuccessesNeverCount() {
        RetCore core = defaultCore();
        for (int i = 1; i <= 4; i++) {
            login(core, "alice", "wrong", "192.0.2." + i);
        }
        assertThat(login(core, "alice", PASSWORD, "198.51.100.1")).isInstanceOf(LoginResult.LoggedIn.class);

        for (int i = 1; i <= 4; i++) {
            assertThat(login(core, "alice", "wrong", "203.0.113." + i)).isInstanceOf(LoginResult.Rejected.class);
        }
        for (int i = 0; i < 10; i++) {
            assertThat(login(core, "bob", PASSWORD, "198.51.100.1")).isInstanceOf(LoginResult.LoggedIn.class);
        }
    }

    @Test
    void racingAttemptsHashNoMoreThanTheLimit() throws Exception {
        RetCore core = core(new RateLimit(100, Duration.ofSeconds(60)), 4, 20);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<LoginResult>> attempts = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            attempts.add(pool.submit(() -> {
                start.await();
                return login(core, "alice", "wrong", "192.0.2.1");
            }));
        }
        start.countDown();

        List<LoginResult> results = new ArrayList<>();
        for (Future<LoginResult> attempt : attempts) {
            results.add(attempt.get(10, TimeUnit.SECONDS));
        }

        assertThat(results).filteredOn(LoginResult.Rejected.class::isInstance).hasSize(5);
        assertThat(results).filteredOn(LoginResult.Throttled.class::isInstance).hasSize(15);
        assertThat(hasher.verifications.get()).isEqualTo(5);
    }

    @Test
    void whenEveryPasswordCheckRunsOrWaitsALoginIsTurnedAwayAtOnce() throws Exception {
        RetCore core = core(new RateLimit(100, Duration.ofSeconds(60)), 1, 1);
        hasher.holdChecks();
        Future<LoginResult> running = pool.submit(() -> login(core, "alice", PASSWORD, "192.0.2.1"));
        hasher.awaitChecksStarted(1);
        AtomicReference<Thread> waitingThread = new AtomicReference<>();
        Future<LoginResult> waiting = pool.submit(() -> {
            waitingThread.set(Thread.currentThread());
            return login(core, "bob", PASSWORD, "192.0.2.2");
        });
        awaitParked(waitingThread);

        LoginResult turnedAway = login(core, "carol", PASSWORD, "192.0.2.3");
        hasher.releaseChecks();

        assertThat(turnedAway).isEqualTo(new LoginResult.Throttled(Duration.ofSeconds(1)));
        assertThat(running.get(10, TimeUnit.SECONDS)).isInstanceOf(LoginResult.LoggedIn.class);
        assertThat(waiting.get(10, TimeUnit.SECONDS)).isInstanceOf(LoginResult.LoggedIn.class);
        assertThat(hasher.verifications.get()).isEqualTo(2);
        assertThat(login(core, "carol", PASSWORD, "192.0.2.3")).isInstanceOf(LoginResult.LoggedIn.class);
    }

    @Test
    void apiFloodsAndLoginFailuresNeverShareCounters() {
        RateLimitStore shared = new InMemoryRateLimitStore();

        assertThatThrownBy(() -> dependencies(new RateLimit(100, Duration.ofSeconds(60)), 2, 2, shared, shared))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /** The thread waits for its turn at the password-check gate (nothing else on the login path parks). */
    private static void awaitParked(AtomicReference<Thread> thread) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (thread.get() == null || thread.get().getState() != Thread.State.WAITING) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the second login never queued at the gate");
            }
            Thread.sleep(1);
        }
    }

    private RetCore defaultCore() {
        return core(new RateLimit(100, Duration.ofSeconds(60)), 2, 2);
    }

    private RetCore core(RateLimit requests, int concurrentChecks, int queuedChecks) {
        return RetCore.create(dependencies(requests, concurrentChecks, queuedChecks,
                new InMemoryRateLimitStore(), new InMemoryRateLimitStore()));
    }

    private CoreDependencies dependencies(RateLimit requests, int concurrentChecks, int queuedChecks,
            RateLimitStore requestCounters, RateLimitStore loginFailureCounters) {
        InMemoryUserStore users = new InMemoryUserStore();
        for (String name : List.of("alice", "bob", "carol", "dave", "erin")) {
            users.insert(SampleData.user(name, Role.USER, clock.instant()).withPasswordHash(hasher.hash(PASSWORD.toCharArray(), 1)));
        }
        AuthSettings auth = new AuthSettings(Duration.ofMinutes(30), Duration.ofDays(7), SampleData.TIMEOUTS, 1, 5, Duration.ofSeconds(10));
        RateLimitSettings limits = new RateLimitSettings(requests, FIVE_FAILURES_PER_FIVE_MINUTES, concurrentChecks, queuedChecks);
        DiskWorkspace workspace = new DiskWorkspace(runtimeRoot);
        return new CoreDependencies(clock, new SplittableRandom(7), auth, users, new InMemorySessionStore(),
                new InMemoryRefreshTokenStore(), new OpaqueTokenCodec(), new HmacDeviceCookieCodec(new byte[32]), hasher, workspace, List.of(),
                limits, requestCounters, loginFailureCounters,
                new CacheDependencies(new InMemoryCacheTier(100, 1 << 20), new InMemoryCacheTier(100, 1 << 20), Duration.ofHours(1)),
                new InMemoryJobStore(),
                JobSettings.of(1, 3, Duration.ofHours(1), false), Executors.defaultThreadFactory(), Duration.ofSeconds(30),
                new FilesDependencies(new DiskSessionFiles(workspace),
                        new FileLimits(1 << 20, 1 << 20, 1 << 20, new ArchiveLimits(100, 1 << 20, 200, ArchiveLimits.DEFAULT_MAX_DEPTH)),
                        new StaxCsvConverter(), new DiskConversionCache(runtimeRoot), new StreamingCsvTableReader(), new StaxElementScanner(),
                        new FastexcelWorkbookWriter(runtimeRoot), new ExternalSortComparer(runtimeRoot)));
    }

    private static LoginResult login(RetCore core, String username, String password, String address) {
        return login(core, username, password, address, Optional.empty());
    }

    private static LoginResult login(RetCore core, String username, String password, String address, Optional<String> deviceCookie) {
        return core.login().login(new LoginCommand(username, password.toCharArray(), address, deviceCookie));
    }

    private static LoginResult.LoggedIn loggedIn(RetCore core, String username, String address, Optional<String> deviceCookie) {
        LoginResult result = login(core, username, PASSWORD, address, deviceCookie);
        assertThat(result).isInstanceOf(LoginResult.LoggedIn.class);
        return (LoginResult.LoggedIn) result;
    }

    /** Stores the password in the clear and counts every check, so tests see exactly when hashing ran. */
    private static final class CountingPasswordHasher implements PasswordHasher {
        final AtomicInteger verifications = new AtomicInteger();
        private final AtomicInteger entered = new AtomicInteger();
        private volatile CountDownLatch hold = new CountDownLatch(0);

        @Override
        public PasswordHash hash(char[] password, int iterations) {
            return new PasswordHash("plain$" + new String(password), iterations);
        }

        @Override
        public boolean verify(char[] password, PasswordHash hash) {
            entered.incrementAndGet();
            try {
                hold.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            verifications.incrementAndGet();
            return hash.encoded().equals("plain$" + new String(password));
        }

        void holdChecks() {
            hold = new CountDownLatch(1);
        }

        void releaseChecks() {
            hold.countDown();
        }

        void awaitChecksStarted(int count) throws InterruptedException {
            while (entered.get() < count) {
                Thread.sleep(1);
            }
        }
    }

    private static final class OpaqueTokenCodec implements AccessTokenCodec {
        private final Map<String, AccessClaims> issued = new ConcurrentHashMap<>();

        @Override
        public String encode(AccessClaims claims) {
            issued.put(claims.tokenId(), claims);
            return claims.tokenId();
        }

        @Override
        public Optional<AccessClaims> decode(String token) {
            return Optional.ofNullable(issued.get(token));
        }
    }
}
