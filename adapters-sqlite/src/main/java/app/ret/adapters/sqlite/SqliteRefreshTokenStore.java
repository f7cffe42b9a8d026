package app.ret.adapters.sqlite;

import app.ret.domain.session.SessionId;
import app.ret.domain.token.RefreshToken;
import app.ret.domain.token.RefreshTokenStatus;
import app.ret.ports.out.RefreshTokenStore;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;

public final class SqliteRefreshTokenStore implements RefreshTokenStore {
    private final SqliteDatabase database;

    public SqliteRefreshTokenStore(SqliteDatabase database) {
        this.database = database;
    }

    @Override
    public void insert(RefreshToken token) {
        database.write(sql -> insert(sql, token));
    }

    private static int insert(SqlSession sql, RefreshToken token) throws SQLException {
        PreparedStatement insert = sql.prepare(
                "INSERT INTO refresh_tokens(token_hash, session_id, issued_at, expires_at, status) VALUES (?, ?, ?, ?, ?)");
        insert.setString(1, token.tokenHash());
        insert.setString(2, token.sessionId().value());
        insert.setLong(3, token.issuedAt().toEpochMilli());
        insert.setLong(4, token.expiresAt().toEpochMilli());
        insert.setString(5, token.status().name());
        return insert.executeUpdate();
    }

    @Override
    public Optional<RefreshToken> find(String tokenHash) {
        return database.read(sql -> {
            PreparedStatement select = sql.prepare(
                    "SELECT token_hash, session_id, issued_at, expires_at, status, rotated_at FROM refresh_tokens WHERE token_hash = ?");
            select.setString(1, tokenHash);
            try (ResultSet rows = select.executeQuery()) {
                if (!rows.next()) {
                    return Optional.empty();
                }
                long rotatedAt = rows.getLong(6);
                Optional<Instant> rotation = rows.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(rotatedAt));
                return Optional.of(new RefreshToken(rows.getString(1), new SessionId(rows.getString(2)),
                        Instant.ofEpochMilli(rows.getLong(3)), Instant.ofEpochMilli(rows.getLong(4)),
                        RefreshTokenStatus.valueOf(rows.getString(5)), rotation));
            }
        });
    }

    @Override
    public boolean rotate(String presentedHash, RefreshToken successor) {
        return database.write(sql -> {
            PreparedStatement retire = sql.prepare(
                    "UPDATE refresh_tokens SET status = 'ROTATED', rotated_at = ? WHERE token_hash = ? AND status = 'ACTIVE'");
            retire.setLong(1, successor.issuedAt().toEpochMilli());
            retire.setString(2, presentedHash);
            if (retire.executeUpdate() == 0) {
                return false;
            }
            insert(sql, successor);
            return true;
        });
    }

    @Override
    public int revokeAll(SessionId sessionId) {
        return database.write(sql -> {
            PreparedStatement delete = sql.prepare("DELETE FROM refresh_tokens WHERE session_id = ?");
            delete.setString(1, sessionId.value());
            return delete.executeUpdate();
        });
    }
}
