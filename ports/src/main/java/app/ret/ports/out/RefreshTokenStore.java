package app.ret.ports.out;

import app.ret.domain.session.SessionId;
import app.ret.domain.token.RefreshToken;
import java.util.Optional;

public interface RefreshTokenStore {
    void insert(RefreshToken token);

    Optional<RefreshToken> find(String tokenHash);

    /**
     * Atomically marks {@code presentedHash} rotated at the successor's issue time and stores
     * {@code successor}; false (and no change) when the presented token is not ACTIVE any more, so
     * two racing refreshes cannot both succeed.
     */
    boolean rotate(String presentedHash, RefreshToken successor);

    /** Deletes every token of the session; returns how many there were. */
    int revokeAll(SessionId sessionId);
}
