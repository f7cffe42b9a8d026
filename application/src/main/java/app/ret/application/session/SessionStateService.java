package app.ret.application.session;

import app.ret.application.cache.TieredCacheService;
import app.ret.application.quota.StorageQuota;
import app.ret.domain.cache.CacheEntry;
import app.ret.domain.cache.CacheEntrySummary;
import app.ret.domain.cache.CacheKey;
import app.ret.domain.cache.SessionCacheNamespace;
import app.ret.domain.cache.StateKey;
import app.ret.domain.session.Session;
import app.ret.domain.session.SessionId;
import app.ret.ports.in.SessionStateUseCase;
import app.ret.ports.out.SessionStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

public final class SessionStateService implements SessionStateUseCase {
    private static final Duration SHORTEST_LIFE = Duration.ofMillis(1);

    private final Clock clock;
    private final SessionStore sessions;
    private final TieredCacheService cache;
    private final StorageQuota quota;

    public SessionStateService(Clock clock, SessionStore sessions, TieredCacheService cache, StorageQuota quota) {
        this.clock = clock;
        this.sessions = sessions;
        this.cache = cache;
        this.quota = quota;
    }

    @Override
    public PutResult put(PutCommand command) {
        if (!StateKey.isValid(command.key())) {
            return new Invalid(StateKey.RULE);
        }
        if (command.json().length > MAX_VALUE_BYTES) {
            return new TooLarge(MAX_VALUE_BYTES);
        }
        Duration ttl = command.ttl().orElse(cache.defaultTtl());
        if (ttl.isNegative() || ttl.isZero()) {
            return new Invalid("ttl must be a positive number of seconds");
        }
        Optional<Session> session = sessions.find(command.sessionId()).filter(Session::isActive);
        if (session.isEmpty()) {
            return new SessionOver();
        }
        Instant now = clock.instant();
        Duration untilSessionEnd = Duration.between(now, session.get().absoluteExpiresAt());
        Duration life = ttl.compareTo(untilSessionEnd) < 0 ? ttl : untilSessionEnd;
        if (life.compareTo(SHORTEST_LIFE) < 0) {
            return new SessionOver();
        }
        SessionCacheNamespace namespace = new SessionCacheNamespace(command.sessionId());
        CacheKey key = namespace.stateKey(new StateKey(command.key()));
        long replaced = cache.get(key).map(existing -> (long) existing.value().length).orElse(0L);
        Optional<String> overQuota = quota.refusesState(command.sessionId(), command.json().length, replaced);
        if (overQuota.isPresent()) {
            return new QuotaExceeded(overQuota.get());
        }
        CacheEntry entry = CacheEntry.expiring(key, command.json(), now, life);
        cache.put(entry);
        return new Stored(toStateEntry(namespace, entry.summary()));
    }

    @Override
    public GetResult get(SessionId sessionId, String key) {
        if (!StateKey.isValid(key)) {
            return new Invalid(StateKey.RULE);
        }
        return cache.get(cacheKey(sessionId, key)).<GetResult>map(Found::new).orElseGet(NotFound::new);
    }

    @Override
    public DeleteResult delete(SessionId sessionId, String key) {
        if (!StateKey.isValid(key)) {
            return new Invalid(StateKey.RULE);
        }
        return cache.delete(cacheKey(sessionId, key)) ? new Deleted() : new NotFound();
    }

    @Override
    public List<StateEntry> list(SessionId sessionId) {
        SessionCacheNamespace namespace = new SessionCacheNamespace(sessionId);
        return cache.list(namespace.state()).stream().map(summary -> toStateEntry(namespace, summary)).toList();
    }

    private static CacheKey cacheKey(SessionId sessionId, String key) {
        return new SessionCacheNamespace(sessionId).stateKey(new StateKey(key));
    }

    private static StateEntry toStateEntry(SessionCacheNamespace namespace, CacheEntrySummary summary) {
        return new StateEntry(namespace.stateKeyOf(summary.key()).value(), summary.size(), summary.expiresAt());
    }
}
