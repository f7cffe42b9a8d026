package app.ret.bootstrap;

import app.ret.adapters.files.PrivateDirectories;
import app.ret.adapters.files.comparison.ExternalSortComparer;
import app.ret.adapters.files.conversion.DiskConversionCache;
import app.ret.adapters.files.workspace.DiskSessionFiles;
import app.ret.adapters.files.workspace.DiskWorkspace;
import app.ret.adapters.files.workspace.RuntimeRootCheck;
import app.ret.adapters.files.conversion.StaxCsvConverter;
import app.ret.adapters.files.conversion.StaxElementScanner;
import app.ret.adapters.files.preview.StreamingCsvTableReader;
import app.ret.adapters.files.workbook.FastexcelWorkbookWriter;
import app.ret.adapters.http.admin.AdminUsersHandler;
import app.ret.adapters.http.console.ConsoleAssets;
import app.ret.adapters.http.console.ConsoleHandler;
import app.ret.adapters.http.files.FilePreviewHandler;
import app.ret.adapters.http.jobs.AdminJobsHandler;
import app.ret.adapters.http.metrics.AdminMetricsHandler;
import app.ret.adapters.http.auth.AdminSessionsHandler;
import app.ret.adapters.http.auth.AuthHandler;
import app.ret.adapters.http.jobs.ComparisonsHandler;
import app.ret.adapters.http.jobs.ConversionsHandler;
import app.ret.adapters.http.pipeline.CorsPolicy;
import app.ret.adapters.http.files.FilesHandler;
import app.ret.adapters.http.ops.HealthHandler;
import app.ret.adapters.security.HmacDeviceCookieCodec;
import app.ret.adapters.security.Hs256AccessTokenCodec;
import app.ret.adapters.http.metrics.HttpMetrics;
import app.ret.adapters.http.HttpSettings;
import app.ret.adapters.http.jobs.JobsHandler;
import app.ret.adapters.http.metrics.MetricsHandler;
import app.ret.adapters.http.ops.OpenApiHandler;
import app.ret.adapters.security.Pbkdf2PasswordHasher;
import app.ret.adapters.http.RetHttpServer;
import app.ret.adapters.http.pipeline.RouteProvider;
import app.ret.adapters.http.state.StateHandler;
import app.ret.adapters.http.pipeline.TrustedProxies;
import app.ret.adapters.memory.CachedSessionStore;
import app.ret.adapters.memory.InMemoryCacheTier;
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
import app.ret.domain.session.SessionTimeouts;
import app.ret.ports.out.CacheTier;
import app.ret.ports.in.UserAdministrationUseCase.InitialAdmin;
import app.ret.ports.out.SessionStore;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.random.RandomGenerator;

/**
 * RET wired from its configuration: the stores it selects (SQLite, or PostgreSQL shared with other
 * instances when {@code RET_DATABASE_URL} is set), the disk workspace, the core, and — when serving —
 * start-up recovery, the listener for other instances' changes, the maintenance tasks and the HTTP
 * front end. Hosts embed it as it is; tests start it on port 0 with a fake clock.
 */
public final class RetRuntime implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(RetRuntime.class.getName());
    /** How long shutdown waits for running jobs to reach a unit boundary; the rest resume at the next start. */
    private static final Duration JOB_STOP_GRACE = Duration.ofSeconds(10);
    /**
     * How long a session held in memory is trusted before it is read again: the longest a session
     * ended by another process on the same SQLite database (a {@code user disable} beside the
     * server) is still accepted here. Endings in this process take effect at once.
     */
    static final Duration SESSION_TRUST = Duration.ofSeconds(1);
    /**
     * The same with other instances on one PostgreSQL: their endings arrive as notices, so this only
     * bounds how long a session's last-seen time held here may lag behind the other instances' touches.
     */
    static final Duration SHARED_SESSION_TRUST = Duration.ofSeconds(60);
    /** Longer than any upload request or conversion stays without writing a byte. */
    private static final Duration ABANDONED_AFTER = Duration.ofHours(1);

    private final RetConfig config;
    private final Stores stores;
    private final RetCore core;
    private final DiskWorkspace workspace;
    private final ScheduledExecutorService trashEmptier;
    private final DiskSessionFiles sessionFiles;
    private final DiskConversionCache conversionCache;
    private final HttpMetrics httpMetrics = new HttpMetrics();
    private final ConsoleAssets consoleAssets = ConsoleAssets.fromClassPath();
    private RetHttpServer http;
    private AutoCloseable peerListener = () -> { };

    private RetRuntime(RetConfig config, Stores stores, RetCore core, DiskWorkspace workspace, ScheduledExecutorService trashEmptier,
                       DiskSessionFiles sessionFiles, DiskConversionCache conversionCache) {
        this.config = config;
        this.stores = stores;
        this.core = core;
        this.workspace = workspace;
        this.trashEmptier = trashEmptier;
        this.sessionFiles = sessionFiles;
        this.conversionCache = conversionCache;
    }

    /** The core over the real stores, without HTTP or background work (command-line tools). */
    public static RetRuntime open(RetConfig config, Clock clock, RandomGenerator random) {
        try {
            PrivateDirectories.createRoot(config.runtimeRoot());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the runtime root", e);
        }
        Stores stores = Stores.open(config, clock);
        ScheduledExecutorService trashEmptier = Executors.newSingleThreadScheduledExecutor(daemonThreads("ret-trash"));
        try {
            DiskWorkspace workspace = stores.shared() ? DiskWorkspace.onSharedRoot(config.runtimeRoot(), trashEmptier)
                    : new DiskWorkspace(config.runtimeRoot(), trashEmptier);
            DiskSessionFiles sessionFiles = new DiskSessionFiles(workspace);
            DiskConversionCache conversionCache = new DiskConversionCache(config.runtimeRoot(), config.conversionCacheMaxBytes(), clock);
            byte[] signingKey = JwtKeyFile.resolve(config.jwtSecretKey(), config.runtimeRoot(), random);
            CoreDependencies dependencies = new CoreDependencies(
                    clock,
                    random,
                    authSettings(config),
                    stores.users(),
                    sessionsHeldInMemory(stores, clock),
                    stores.refreshTokens(),
                    new Hs256AccessTokenCodec(signingKey),
                    new HmacDeviceCookieCodec(signingKey),
                    new Pbkdf2PasswordHasher(random),
                    workspace,
                    List.of(stores.database(), new RuntimeRootCheck(config.runtimeRoot(), config.runtimeMinFreeBytes())),
                    rateLimitSettings(config),
                    stores.apiLimits(),
                    stores.loginLimits(),
                    cacheDependencies(config, stores.durableCache()),
                    stores.jobs(),
                    jobSettings(config, stores.shared()),
                    backgroundThreads(),
                    config.sweepInterval(),
                    new FilesDependencies(sessionFiles, fileLimits(config), new StaxCsvConverter(workDirectory(conversionCache)),
                            conversionCache, new StreamingCsvTableReader(), new StaxElementScanner(),
                            new FastexcelWorkbookWriter(workDirectory(conversionCache)), new ExternalSortComparer(workDirectory(conversionCache))));
            return new RetRuntime(config, stores, RetCore.create(dependencies), workspace, trashEmptier, sessionFiles,
                    conversionCache);
        } catch (RuntimeException e) {
            trashEmptier.shutdownNow();
            stores.close();
            throw e;
        }
    }

    /** Opens, finishes interrupted cleanups, makes sure an admin exists, starts maintenance and HTTP. */
    public static RetRuntime serve(RetConfig config, Clock clock, RandomGenerator random, PrintStream console) {
        RetHttpServer.warmUpInBackground();
        RetRuntime runtime = open(config, clock, random);
        try {
            runtime.startServing(console, clock);
            return runtime;
        } catch (RuntimeException e) {
            runtime.close();
            throw e;
        }
    }

    private void startServing(PrintStream console, Clock clock) {
        peerListener = stores.listenForPeers(core.peerChanges());
        removeLeftovers(clock);
        int finished = core.sessionMaintenance().finishInterruptedEndings();
        if (finished > 0) {
            LOG.log(System.Logger.Level.INFO, "finished {0} session cleanups interrupted by the last shutdown", finished);
        }
        Optional<InitialAdmin> admin = core.userAdministration().ensureInitialAdmin(config.adminPassword());
        admin.flatMap(InitialAdmin::generatedPassword).ifPresent(password -> console.println(
                "Created user 'admin' with generated password: " + password + "  (shown once; set RET_ADMIN_PASSWORD to choose it)"));
        admin.filter(created -> created.generatedPassword().isEmpty())
                .ifPresent(created -> console.println("Created user 'admin' with the password from RET_ADMIN_PASSWORD"));
        if (admin.isEmpty() && config.adminPassword().isPresent()) {
            console.println("RET_ADMIN_PASSWORD is set but ignored: users already exist, so no 'admin' was created and no password"
                    + " changed (set one with: java -jar ret.jar user passwd admin)");
        }
        int released = core.jobExecution().start();
        if (released > 0) {
            LOG.log(System.Logger.Level.INFO, "{0} jobs interrupted by the last shutdown are queued again", released);
        }
        core.maintenance().start();
        // The trash is emptied now (what a crash left) and on every sweep, beside the purges' own runs.
        trashEmptier.scheduleWithFixedDelay(this::emptyTrash, 0, config.sweepInterval().toMillis(), TimeUnit.MILLISECONDS);
        http = RetHttpServer.start(httpSettings(config), core.authenticate(), core.rateLimit(), httpMetrics, routes());
    }

    List<RouteProvider> routes() {
        return List.of(
                new HealthHandler(core.readiness(), config.instanceId()),
                new OpenApiHandler(),
                new MetricsHandler(httpMetrics, core.operationalStats(), stores.name()),
                new AuthHandler(core.login(), core.refresh(), core.endSession(), core.sessionQueries(), config.cookieSecure()),
                new AdminSessionsHandler(core.sessionQueries(), core.endSession()),
                new AdminUsersHandler(core.userAdministration()),
                new AdminJobsHandler(core.jobOverview()),
                new AdminMetricsHandler(httpMetrics, core.operationalStats()),
                new StateHandler(core.sessionState()),
                new JobsHandler(core.jobs()),
                // Before FilesHandler: its /api/files/{path*} would also take .../preview and .../elements.
                new FilePreviewHandler(core.filePreview()),
                new FilesHandler(core.files()),
                new ConversionsHandler(core.conversions()),
                new ComparisonsHandler(core.comparisons()),
                new ConsoleHandler(consoleAssets));
    }

    /**
     * Uploads and conversions a crash interrupted never became visible; their spools and staging are
     * removed before serving. On a runtime root shared with other instances only what nothing touched
     * for {@link #ABANDONED_AFTER} goes: the rest may be another instance's work in progress.
     */
    private void removeLeftovers(Clock clock) {
        Instant untouchedSince = stores.shared() ? clock.instant().minus(ABANDONED_AFTER) : Instant.MAX;
        try {
            sessionFiles.removeLeftovers(untouchedSince);
            conversionCache.removeLeftovers(untouchedSince);
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "could not remove what interrupted uploads or conversions left", e);
        }
    }

    /**
     * Active sessions held in memory in front of the session store. A store shared with other
     * instances tells this one of their endings through change notices (and of a lost listener, which
     * empties the memory until it listens again), so a held session is trusted far longer there; on
     * a file only this process serves, a {@code user disable} beside it is heard of only by reading again.
     */
    private static SessionStore sessionsHeldInMemory(Stores stores, Clock clock) {
        return new CachedSessionStore(stores.sessions(), clock, stores.shared() ? SHARED_SESSION_TRUST : SESSION_TRUST);
    }

    /** A failing run is logged and retried by the next one (a scheduled task that throws is never run again). */
    private void emptyTrash() {
        try {
            workspace.emptyTrash();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "emptying the workspace trash failed; retrying at the next sweep", e);
        }
    }

    /** The converter and the workbook writer spill beside the cache they fill: same disk, cleared together at start. */
    private static Path workDirectory(DiskConversionCache cache) {
        try {
            return cache.workDirectory();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the conversion work directory", e);
        }
    }

    static AuthSettings authSettings(RetConfig config) {
        return new AuthSettings(config.accessTokenLifetime(), config.refreshTokenLifetime(),
                new SessionTimeouts(config.sessionIdleTimeout(), config.sessionAbsoluteTimeout()),
                config.passwordHashIterations(), config.maxSessionsPerUser(), config.refreshReuseGrace());
    }

    static FileLimits fileLimits(RetConfig config) {
        return new FileLimits(config.maxUploadBytes(), config.sessionQuotaBytes(), config.userQuotaBytes(), new ArchiveLimits(config.zipMaxEntries(),
                config.zipMaxTotalBytes(), config.zipMaxRatio(), ArchiveLimits.DEFAULT_MAX_DEPTH));
    }

    static CacheDependencies cacheDependencies(RetConfig config, CacheTier durableTier) {
        return new CacheDependencies(
                new InMemoryCacheTier(config.sessionCacheMaxSize(), config.sessionCacheMaxBytes()),
                durableTier,
                config.sessionCacheTtl());
    }

    /** Password checks (running and waiting) may hold at most half of the request threads, so a login flood cannot starve the API. */
    static RateLimitSettings rateLimitSettings(RetConfig config) {
        int loginThreads = Math.max(1, config.httpThreads() / 2);
        int running = Math.min(Runtime.getRuntime().availableProcessors(), loginThreads);
        return new RateLimitSettings(new RateLimit(config.rateLimitRequests(), config.rateLimitWindow()),
                new RateLimit(config.loginMaxFailures(), config.loginFailureWindow()), running, loginThreads - running);
    }

    static JobSettings jobSettings(RetConfig config, boolean sharedQueue) {
        JobSettings settings = JobSettings.of(config.jobWorkers(), config.jobMaxAttempts(), config.jobRetention(),
                config.jobTestTypeEnabled()).withLease(config.jobLease());
        return sharedQueue ? settings.shared() : settings;
    }

    /** Daemon threads, so a job stuck in a handler or a hung sweep never keeps the JVM from exiting. */
    private static ThreadFactory backgroundThreads() {
        return daemonThreads("ret-background");
    }

    /** Work these threads leave undone at exit is picked up at the next start (jobs queued again, the trash emptied). */
    private static ThreadFactory daemonThreads(String name) {
        AtomicInteger sequence = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, name + "-" + sequence.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    static HttpSettings httpSettings(RetConfig config) {
        return new HttpSettings(config.apiHost(), config.apiPort(), config.httpThreads(), config.httpMaxRequestSeconds(),
                config.cookieSecure(), TrustedProxies.parse(config.trustedProxies()), CorsPolicy.parse(config.corsOrigins()),
                config.instanceId());
    }

    public RetCore core() {
        return core;
    }

    /** The port the HTTP server listens on (useful with API_PORT=0). */
    public int port() {
        if (http == null) {
            throw new IllegalStateException("not serving HTTP");
        }
        return http.port();
    }

    public Map<String, String> databaseSettings() {
        return stores.settings().get();
    }

    /** Empty when the database answers, else why not. */
    public Optional<String> databaseProblem() {
        return stores.database().problem();
    }

    /**
     * Stops accepting requests, lets in-flight ones finish, stops the sweeps, stops the job workers
     * (running jobs go back to the queue), stops listening to other instances, closes the database.
     */
    @Override
    public void close() {
        if (http != null) {
            http.close();
        }
        core.maintenance().stop();
        core.jobExecution().stop(JOB_STOP_GRACE);
        trashEmptier.shutdown();
        try {
            peerListener.close();
        } catch (Exception e) {
            LOG.log(System.Logger.Level.WARNING, "could not stop listening for other instances' changes", e);
        }
        stores.close();
    }
}
