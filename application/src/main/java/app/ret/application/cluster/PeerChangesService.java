package app.ret.application.cluster;

import app.ret.application.cache.TieredCacheService;
import app.ret.application.jobs.JobRunner;
import app.ret.domain.cache.CacheKey;
import app.ret.domain.cache.CacheKeyPrefix;
import app.ret.domain.session.SessionId;
import app.ret.ports.in.PeerChangesUseCase;
import app.ret.ports.out.SessionStore;

/**
 * Applies other instances' changes to what this process keeps for itself: the cache's memory tier,
 * the sessions held in memory and idle job workers.
 */
public final class PeerChangesService implements PeerChangesUseCase {
    private static final System.Logger LOG = System.getLogger(PeerChangesService.class.getName());

    private final TieredCacheService cache;
    private final SessionStore sessions;
    private final JobRunner jobRunner;

    public PeerChangesService(TieredCacheService cache, SessionStore sessions, JobRunner jobRunner) {
        this.cache = cache;
        this.sessions = sessions;
        this.jobRunner = jobRunner;
    }

    @Override
    public void cacheEntryChanged(CacheKey key) {
        cache.forget(key);
    }

    @Override
    public void cacheEntriesChanged(CacheKeyPrefix prefix) {
        cache.forget(prefix);
    }

    /**
     * Refused here from now on, and this instance's jobs of the session stopped before the notice is
     * acknowledged: the ending instance removes the session's files only after that, so nothing a
     * job here writes outlives the cleanup.
     */
    @Override
    public void sessionEnded(SessionId id) {
        sessions.endedElsewhere(id);
        jobRunner.stopRunsOf(id, JobRunner.ENDED_SESSION_STOP_WAIT);
    }

    @Override
    public void jobsQueued() {
        jobRunner.wake();
    }

    @Override
    public void noticesLost() {
        LOG.log(System.Logger.Level.WARNING, "change notices from other instances lost; the memory cache and the sessions held"
                + " in memory are bypassed until they resume");
        cache.distrustMemory();
        sessions.distrustCopies();
    }

    @Override
    public void noticesResumed() {
        cache.trustMemoryAgain();
        sessions.trustCopiesAgain();
        jobRunner.wake();
    }
}
