package app.ret.domain.cache;

import app.ret.domain.session.SessionId;
import java.util.Objects;

/**
 * Where a session's entries live in the cache. Everything under {@code session:<id>:} belongs to
 * the session and is removed when it ends; its client-visible state sits under
 * {@code session:<id>:state:}.
 */
public record SessionCacheNamespace(SessionId sessionId) {
    public SessionCacheNamespace {
        Objects.requireNonNull(sessionId, "sessionId");
    }

    /** Every entry of the session, whatever feature wrote it. */
    public CacheKeyPrefix everything() {
        return new CacheKeyPrefix("session:" + sessionId.value() + ":");
    }

    public CacheKeyPrefix state() {
        return new CacheKeyPrefix("session:" + sessionId.value() + ":state:");
    }

    public CacheKey stateKey(StateKey key) {
        return state().key(key.value());
    }

    public StateKey stateKeyOf(CacheKey key) {
        return new StateKey(state().remainderOf(key));
    }
}
