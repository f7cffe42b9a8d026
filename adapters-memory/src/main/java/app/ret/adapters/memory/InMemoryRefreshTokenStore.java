package app.ret.adapters.memory;

import app.ret.domain.session.SessionId;
import app.ret.domain.token.RefreshToken;
import app.ret.domain.token.RefreshTokenStatus;
import app.ret.ports.out.RefreshTokenStore;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** One lock for the whole map: rotation must check and write two entries atomically. */
public final class InMemoryRefreshTokenStore implements RefreshTokenStore {
    private final Map<String, RefreshToken> tokens = new HashMap<>();

    @Override
    public synchronized void insert(RefreshToken token) {
        if (tokens.putIfAbsent(token.tokenHash(), token) != null) {
            throw new IllegalArgumentException("refresh token already exists");
        }
    }

    @Override
    public synchronized Optional<RefreshToken> find(String tokenHash) {
        return Optional.ofNullable(tokens.get(tokenHash));
    }

    @Override
    public synchronized boolean rotate(String presentedHash, RefreshToken successor) {
        RefreshToken presented = tokens.get(presentedHash);
        if (presented == null || presented.status() != RefreshTokenStatus.ACTIVE) {
            return false;
        }
        tokens.put(presentedHash, presented.rotatedAt(successor.issuedAt()));
        tokens.put(successor.tokenHash(), successor);
        return true;
    }

    @Override
    public synchronized int revokeAll(SessionId sessionId) {
        int before = tokens.size();
        tokens.values().removeIf(token -> token.sessionId().equals(sessionId));
        return before - tokens.size();
    }
}
