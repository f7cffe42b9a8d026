package app.ret.application;

import app.ret.application.auth.AuthService;
import app.ret.application.auth.SecretGenerator;
import app.ret.application.cache.TieredCacheService;
import app.ret.application.cluster.PeerChangesService;
import app.ret.application.comparison.ComparisonJobHandler;
import app.ret.application.comparison.ComparisonsService;
import app.ret.application.conversion.ConversionJobHandler;
import app.ret.application.conversion.ConversionsService;
import app.ret.application.files.FilePreviewService;
import app.ret.application.files.FilesService;
import app.ret.application.jobs.JobHandler;
import app.ret.application.jobs.JobOverviewService;
import app.ret.application.jobs.JobRunner;
import app.ret.application.jobs.JobsService;
import app.ret.application.jobs.TestJobHandler;
import app.ret.application.maintenance.Scheduler;
import app.ret.application.ops.OperationalStatsService;
import app.ret.application.ops.ReadinessService;
import app.ret.application.quota.StorageQuota;
import app.ret.application.ratelimit.RateLimitService;
import app.ret.application.search.IndexJobHandler;
import app.ret.application.search.SearchService;
import app.ret.application.session.SessionEndingService;
import app.ret.application.session.SessionQueryService;
import app.ret.application.session.SessionStateService;
import app.ret.application.users.UserAdministrationService;
import app.ret.domain.cleanup.CleanupReport;
import app.ret.domain.cleanup.RemovedResource;
import app.ret.domain.job.Job;
import app.ret.domain.job.JobParameters;
import app.ret.domain.job.JobType;
import app.ret.domain.session.SessionId;
import app.ret.ports.in.AuthenticateUseCase;
import app.ret.ports.in.CacheUseCase;
import app.ret.ports.in.ComparisonsUseCase;
import app.ret.ports.in.ConversionsUseCase;
import app.ret.ports.in.EndSessionUseCase;
import app.ret.ports.in.FilePreviewUseCase;
import app.ret.ports.in.FilesUseCase;
import app.ret.ports.in.JobExecutionUseCase;
import app.ret.ports.in.JobOverviewUseCase;
import app.ret.ports.in.JobsUseCase;
import app.ret.ports.in.LoginUseCase;
import app.ret.ports.in.MaintenanceUseCase;
import app.ret.ports.in.OperationalStatsUseCase;
import app.ret.ports.in.PeerChangesUseCase;
import app.ret.ports.in.RateLimitUseCase;
import app.ret.ports.in.ReadinessUseCase;
import app.ret.ports.in.RefreshUseCase;
import app.ret.ports.in.SessionMaintenanceUseCase;
import app.ret.ports.in.SessionQueryUseCase;
import app.ret.ports.in.SearchUseCase;
import app.ret.ports.in.SessionStateUseCase;
import app.ret.ports.in.UserAdministrationUseCase;
import app.ret.ports.out.ConversionCache;
import app.ret.ports.out.HealthCheck;
import app.ret.ports.out.SearchIndex;
import java.util.ArrayList;
import java.util.List;

/** The one public way into the application core: give it its driven ports, get its use cases. */
public final class RetCore {
    private final AuthService auth;
    private final SessionEndingService endings;
    private final SessionQueryService queries;
    private final UserAdministrationService userAdministration;
    private final ReadinessService readiness;
    private final TieredCacheService cache;
    private final SessionStateService sessionState;
    private final RateLimitService rateLimit;
    private final JobRunner jobRunner;
    private final JobsService jobs;
    private final FilesService files;
    private final FilePreviewService filePreview;
    private final JobOverviewService jobOverview;
    private final ConversionsService conversions;
    private final ComparisonsService comparisons;
    private final SearchService search;
    private final OperationalStatsService operationalStats;
    private final PeerChangesService peerChanges;
    private final Scheduler scheduler;

    private RetCore(CoreDependencies deps) {
        this.cache = new TieredCacheService(deps.clock(), deps.cache(), work -> deps.backgroundThreads().newThread(work).start());
        StorageQuota quota = new StorageQuota(deps.sessions(), deps.workspace(), cache, deps.files().conversionCache(),
                deps.files().searchIndex(), deps.files().limits());
        List<JobHandler> handlers = new ArrayList<>();
        // The queue's use case needs the runner, which needs the handlers: a conversion reaches it once it runs.
        handlers.add(new ConversionJobHandler(deps.files(), deps.sessions(), quota, this::submitFollowUp));
        handlers.add(new IndexJobHandler(deps.files(), deps.sessions(), quota));
        handlers.add(new ComparisonJobHandler(deps.files(), quota));
        if (deps.jobSettings().testJobsEnabled()) {
            handlers.add(new TestJobHandler());
        }
        this.jobRunner = new JobRunner(deps.jobs(), deps.clock(), deps.random(), deps.jobSettings(), deps.backgroundThreads(), handlers);
        // Jobs first: a running conversion must stop writing before its workspace is removed.
        ConversionCache conversionCache = deps.files().conversionCache();
        SearchIndex searchIndex = deps.files().searchIndex();
        this.endings = new SessionEndingService(deps.clock(), deps.sessions(), deps.refreshTokens(), List.of(
                new SessionEndingService.Cleanup("running jobs", id -> {
                    jobRunner.stopRunsOf(id, JobRunner.ENDED_SESSION_STOP_WAIT);
                    return CleanupReport.empty();
                }),
                SessionEndingService.Cleanup.of(deps.jobs()),
                SessionEndingService.Cleanup.of(deps.workspace()),
                SessionEndingService.Cleanup.of(conversionCache),
                SessionEndingService.Cleanup.of(searchIndex),
                new SessionEndingService.Cleanup("cache", cache::purgeSession)),
                List.of(new SessionEndingService.OrphanSweep(conversionCache.resourceName(), conversionCache::purgeOrphans),
                        new SessionEndingService.OrphanSweep(searchIndex.resourceName(), searchIndex::purgeOrphans),
                        // Entries of ended sessions a crash kept from their background purge.
                        new SessionEndingService.OrphanSweep("cache", isLive -> CleanupReport.of(RemovedResource.CACHE_ENTRIES,
                                cache.purgeRetired()))),
                // A dead instance's cleanup is taken over as its jobs are: when its lease runs out.
                deps.jobSettings().lease());
        SecretGenerator secrets = new SecretGenerator(deps.random());
        this.auth = new AuthService(deps, secrets, endings);
        this.queries = new SessionQueryService(deps.sessions(), deps.workspace());
        this.userAdministration = new UserAdministrationService(deps, secrets, endings);
        this.sessionState = new SessionStateService(deps.clock(), deps.sessions(), cache, quota);
        this.rateLimit = new RateLimitService(deps.clock(), deps.requestCounters(), deps.rateLimits().requests());
        this.jobs = new JobsService(deps.jobs(), deps.jobSettings(), secrets, jobRunner);
        this.readiness = new ReadinessService(deps.healthChecks(),
                List.of(new ReadinessService.Check("job_workers", jobRunner::workerProblem)));
        this.files = new FilesService(deps.files(), quota);
        this.filePreview = new FilePreviewService(deps.files());
        this.jobOverview = new JobOverviewService(deps.sessions(), deps.jobs());
        this.conversions = new ConversionsService(deps.files().store(), jobs);
        this.comparisons = new ComparisonsService(deps.files().store(), jobs);
        this.search = new SearchService(searchIndex, deps.jobs());
        this.operationalStats = new OperationalStatsService(queries, rateLimit, auth, cache, deps.jobs());
        this.peerChanges = new PeerChangesService(cache, deps.sessions(), jobRunner);
        this.scheduler = new Scheduler(deps.clock(), deps.backgroundThreads());
        scheduler.every(deps.sweepInterval(), "session sweep", () -> {
            endings.endExpiredSessions();
            endings.finishInterruptedEndings();
        });
        scheduler.every(deps.sweepInterval(), "cache sweep", cache::sweepExpired);
        scheduler.every(deps.sweepInterval(), "job sweep", jobRunner::sweep);
        // Checks too costly for every readiness probe (SQLite's quick_check) run here; probes report their last finding.
        scheduler.every(deps.sweepInterval(), "periodic health checks", () -> deps.healthChecks().forEach(HealthCheck::runPeriodicCheck));
    }

    private Job submitFollowUp(SessionId owner, JobType type, JobParameters parameters) {
        return jobs.submit(owner, type, parameters);
    }

    public static RetCore create(CoreDependencies deps) {
        return new RetCore(deps);
    }

    public LoginUseCase login() {
        return auth;
    }

    public RefreshUseCase refresh() {
        return auth;
    }

    public AuthenticateUseCase authenticate() {
        return auth;
    }

    public EndSessionUseCase endSession() {
        return endings;
    }

    public SessionMaintenanceUseCase sessionMaintenance() {
        return endings;
    }

    public SessionQueryUseCase sessionQueries() {
        return queries;
    }

    public UserAdministrationUseCase userAdministration() {
        return userAdministration;
    }

    public ReadinessUseCase readiness() {
        return readiness;
    }

    public CacheUseCase cache() {
        return cache;
    }

    public SessionStateUseCase sessionState() {
        return sessionState;
    }

    public RateLimitUseCase rateLimit() {
        return rateLimit;
    }

    public JobsUseCase jobs() {
        return jobs;
    }

    public JobExecutionUseCase jobExecution() {
        return jobRunner;
    }

    public FilesUseCase files() {
        return files;
    }

    public FilePreviewUseCase filePreview() {
        return filePreview;
    }

    public JobOverviewUseCase jobOverview() {
        return jobOverview;
    }

    public ConversionsUseCase conversions() {
        return conversions;
    }

    public ComparisonsUseCase comparisons() {
        return comparisons;
    }

    public SearchUseCase search() {
        return search;
    }

    public OperationalStatsUseCase operationalStats() {
        return operationalStats;
    }

    /** Where notices of other instances' changes go, when instances share one database. */
    public PeerChangesUseCase peerChanges() {
        return peerChanges;
    }

    public MaintenanceUseCase maintenance() {
        return scheduler;
    }
}
