package app.ret.adapters.postgres;

import app.ret.domain.session.SessionId;
import app.ret.domain.token.RefreshToken;
import app.ret.domain.token.RefreshTokenStatus;
import app.ret.ports.out.RefreshTokenStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/** Refresh tokens in PostgreSQL; a rotation retires the presented token and stores its successor in one transaction. */
public final class PostgresRefreshTokenStore implements RefreshTokenStore {
    private final PostgresDatabase database;

    public PostgresRefreshTokenStore(PostgresDatabase database) {
        this.database = database;
    }

    @Override
    public void insert(RefreshToken token) {
        database.autocommit(connection -> insert(connection, token));
    }

    private static int insert(Connection connection, RefreshToken token) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO refresh_tokens(token_hash, session_id, issued_at, expires_at, status) VALUES (?, ?, ?, ?, ?)")) {
            insert.setString(1, token.tokenHash());
            insert.setString(2, token.sessionId().value());
            Timestamps.set(insert, 3, token.issuedAt());
            Timestamps.set(insert, 4, token.expiresAt());
            insert.setString(5, token.status().name());
            return insert.executeUpdate();
        }
    }

    @Override
    public Optional<RefreshToken> find(String tokenHash) {
        return database.autocommit(connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT token_hash, session_id, issued_at, expires_at, status, rotated_at FROM refresh_tokens WHERE token_hash = ?")) {
                select.setString(1, tokenHash);
                try (ResultSet rows = select.executeQuery()) {
                    if (!rows.next()) {
                        return Optional.empty();
                    }
                    return Optional.of(new RefreshToken(rows.getString("token_hash"), new SessionId(rows.getString("session_id")),
                            Timestamps.get(rows, "issued_at"), Timestamps.get(rows, "expires_at"),
                            RefreshTokenStatus.valueOf(rows.getString("status")), Timestamps.optional(rows, "rotated_at")));
                }
            }
        });
    }

    @Override
    public boolean rotate(String presentedHash, RefreshToken successor) {
        return database.transaction(connection -> {
            try (PreparedStatement retire = connection.prepareStatement(
                    "UPDATE refresh_tokens SET status = 'ROTATED', rotated_at = ? WHERE token_hash = ? AND status = 'ACTIVE'")) {
                Timestamps.set(retire, 1, successor.issuedAt());
                retire.setString(2, presentedHash);
                if (retire.executeUpdate() == 0) {
                    return false;
                }
            }
            insert(connection, successor);
            return true;
        });
    }

    @Override
    public int revokeAll(SessionId sessionId) {
        return database.autocommit(connection -> {
            try (PreparedStatement delete = connection.prepareStatement("DELETE FROM refresh_tokens WHERE session_id = ?")) {
                delete.setString(1, sessionId.value());
                return delete.executeUpdate();
            }
        });
    }
}
