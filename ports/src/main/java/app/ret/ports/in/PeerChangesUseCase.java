package app.ret.ports.in;

import app.ret.domain.cache.CacheKey;
import app.ret.domain.cache.CacheKeyPrefix;
import app.ret.domain.session.SessionId;

/**
 * What other instances sharing the database changed, told as their notices arrive. It keeps this
 * instance's per-process state (the cache's memory tier, the sessions held in memory, idle job workers) in step with the shared
 * stores, so that several instances behave as one system. When the notices stop coming, nothing
 * per-process can be trusted until they come again.
 */
public interface PeerChangesUseCase {
    /** Another instance wrote or deleted this cache entry. */
    void cacheEntryChanged(CacheKey key);

    /** Another instance deleted every cache entry under this prefix (a session purge). */
    void cacheEntriesChanged(CacheKeyPrefix prefix);

    /** Another instance (or a command-line tool) ended this session: it must be refused here from now on. */
    void sessionEnded(SessionId id);

    /** A job became due somewhere: an idle worker here may take it. */
    void jobsQueued();

    /** The notices stopped (the listening connection was lost): per-process copies may be stale from now on. */
    void noticesLost();

    /** Listening again: what changed while no notice came is unknown, so every per-process copy is dropped. */
    void noticesResumed();
}
