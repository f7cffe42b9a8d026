package app.ret.adapters.memory;

import app.ret.domain.session.EndReason;
import app.ret.domain.session.Session;
import app.ret.domain.session.SessionId;
import app.ret.domain.user.Username;
import app.ret.ports.out.SessionStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;

public final class InMemorySessionStore implements SessionStore {
    private static final Comparator<Session> OLDEST_FIRST =
            Comparator.comparing(Session::createdAt).thenComparing(session -> session.id().value());

    private final ConcurrentMap<SessionId, Session> sessions = new ConcurrentHashMap<>();
    private final ConcurrentMap<SessionId, Instant> cleanupClaims = new ConcurrentHashMap<>();

    @Override
    public void insert(Session session) {
        if (sessions.putIfAbsent(session.id(), session) != null) {
            throw new IllegalArgumentException("session already exists: " + session.id());
        }
    }

    @Override
    public Optional<Session> find(SessionId id) {
        return Optional.ofNullable(sessions.get(id));
    }

    @Override
    public void touch(SessionId id, Instant seenAt) {
        sessions.computeIfPresent(id, (key, session) -> session.isActive() ? session.seenAt(seenAt) : session);
    }

    @Override
    public Optional<Session> markEnding(SessionId id, EndReason reason, Instant claimedUntil) {
        AtomicReference<Session> transitioned = new AtomicReference<>();
        sessions.computeIfPresent(id, (key, session) -> {
            if (!session.isActive()) {
                return session;
            }
            Session ending = session.ending(reason);
            cleanupClaims.put(id, claimedUntil);
            transitioned.set(ending);
            return ending;
        });
        return Optional.ofNullable(transitioned.get());
    }

    @Override
    public boolean delete(SessionId id) {
        cleanupClaims.remove(id);
        return sessions.remove(id) != null;
    }

    @Override
    public List<Session> listActive() {
        return select(Session::isActive);
    }

    @Override
    public List<Session> listActiveOf(Username username) {
        return select(session -> session.isActive() && session.username().equals(username));
    }

    @Override
    public List<Session> claimUnfinishedEndings(Instant now, Instant claimedUntil) {
        List<Session> claimed = new ArrayList<>();
        for (Session ending : select(session -> !session.isActive())) {
            AtomicBoolean won = new AtomicBoolean();
            cleanupClaims.compute(ending.id(), (id, until) -> {
                if (until != null && until.isAfter(now)) {
                    return until;
                }
                won.set(true);
                return claimedUntil;
            });
            if (won.get()) {
                claimed.add(ending);
            }
        }
        return claimed;
    }

    @Override
    public List<Session> listExpired(Instant now) {
        return select(session -> session.isActive() && session.expiryAt(now).isPresent());
    }

    private List<Session> select(Predicate<Session> filter) {
        return sessions.values().stream().filter(filter).sorted(OLDEST_FIRST).toList();
    }
}
