package app.ret.adapters.memory;

import app.ret.domain.session.EndReason;
import app.ret.domain.session.Session;
import app.ret.domain.session.SessionId;
import app.ret.domain.user.Username;
import app.ret.ports.out.SessionStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * A session store with the active sessions held in memory in front of the durable one, so that
 * authenticating a request costs no database read. Every change goes to the durable store first.
 * Ending a session (the only way one stops being active) forgets it before the ending goes on, so
 * the very next request of this process reads the store and is refused.
 *
 * <p>Endings made by another process on the same database (a {@code ret.jar user disable} beside
 * the server, another instance) cannot reach this memory directly: a held session is trusted for
 * {@code trustFor} after it was read, then read again; where the database announces endings
 * (PostgreSQL {@code LISTEN/NOTIFY}), {@link #endedElsewhere} makes one take effect at once, and
 * between {@link #distrustCopies} and {@link #trustCopiesAgain} (the announcements stopped) nothing
 * is held. A held copy that looks expired is read again before anyone is refused: other processes
 * may have seen the session since.
 *
 * <p>A read that misses races with an ending: it may load the session just before the store marks
 * it ending and put it back just after the ending forgot it. Endings therefore count themselves
 * after the store has them, and a read that saw the count move while it loaded takes back what it
 * put (ADR 0012 has the argument).
 */
public final class CachedSessionStore implements SessionStore {
    /** A bound on memory should sessions pile up faster than they end; past it the memory starts over. */
    static final int MAX_SESSIONS = 100_000;

    private final SessionStore store;
    private final Clock clock;
    private final Duration trustFor;
    private final Map<SessionId, Held> held = new ConcurrentHashMap<>();
    private final AtomicLong endings = new AtomicLong();
    private volatile boolean trusted = true;

    private record Held(Session session, Instant readAt) {}

    public CachedSessionStore(SessionStore store, Clock clock, Duration trustFor) {
        this.store = store;
        this.clock = clock;
        this.trustFor = trustFor;
    }

    @Override
    public void insert(Session session) {
        store.insert(session);
    }

    @Override
    public Optional<Session> find(SessionId id) {
        Instant now = clock.instant();
        Held known = held.get(id);
        if (known != null && now.isBefore(known.readAt().plus(trustFor)) && known.session().expiryAt(now).isEmpty()) {
            return Optional.of(known.session());
        }
        long endingsBefore = endings.get();
        Optional<Session> found = store.find(id);
        if (found.isPresent() && found.get().isActive() && trusted) {
            hold(new Held(found.get(), now), endingsBefore);
        } else {
            held.remove(id);
        }
        return found;
    }

    private void hold(Held session, long endingsBefore) {
        if (held.size() >= MAX_SESSIONS) {
            held.clear();
        }
        SessionId id = session.session().id();
        held.put(id, session);
        if (endings.get() != endingsBefore) {
            held.remove(id);
        }
    }

    @Override
    public void touch(SessionId id, Instant seenAt) {
        store.touch(id, seenAt);
        held.computeIfPresent(id, (key, known) -> new Held(known.session().seenAt(seenAt), known.readAt()));
    }

    @Override
    public Optional<Session> markEnding(SessionId id, EndReason reason, Instant claimedUntil) {
        Optional<Session> marked = store.markEnding(id, reason, claimedUntil);
        forget(id);
        return marked;
    }

    @Override
    public boolean delete(SessionId id) {
        boolean deleted = store.delete(id);
        forget(id);
        return deleted;
    }

    @Override
    public void endedElsewhere(SessionId id) {
        forget(id);
    }

    @Override
    public void distrustCopies() {
        trusted = false;
        forgetAll();
    }

    @Override
    public void trustCopiesAgain() {
        forgetAll();
        trusted = true;
    }

    private void forget(SessionId id) {
        endings.incrementAndGet();
        held.remove(id);
    }

    /** Counted as an ending of every session, so a read that loaded before takes back what it puts. */
    private void forgetAll() {
        endings.incrementAndGet();
        held.clear();
    }

    @Override
    public <T> T inOneTransaction(Supplier<T> work) {
        return store.inOneTransaction(work);
    }

    @Override
    public List<Session> listActive() {
        return store.listActive();
    }

    @Override
    public List<Session> listActiveOf(Username username) {
        return store.listActiveOf(username);
    }

    @Override
    public List<Session> claimUnfinishedEndings(Instant now, Instant claimedUntil) {
        return store.claimUnfinishedEndings(now, claimedUntil);
    }

    @Override
    public List<Session> listExpired(Instant now) {
        return store.listExpired(now);
    }
}
