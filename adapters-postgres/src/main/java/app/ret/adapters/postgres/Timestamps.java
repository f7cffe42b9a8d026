package app.ret.adapters.postgres;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * Instants as {@code timestamptz} parameters and columns. The time always comes from the caller's
 * clock as a parameter, never from the server's {@code now()}, so expiry is decided by the same clock
 * on every adapter (and on every instance sharing the database).
 */
final class Timestamps {
    private Timestamps() {}

    static void set(PreparedStatement statement, int index, Instant instant) throws SQLException {
        statement.setObject(index, instant.atOffset(ZoneOffset.UTC));
    }

    static void set(PreparedStatement statement, int index, Optional<Instant> instant) throws SQLException {
        if (instant.isPresent()) {
            set(statement, index, instant.get());
        } else {
            statement.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
        }
    }

    static Instant get(ResultSet rows, String column) throws SQLException {
        return optional(rows, column).orElseThrow(() -> new SQLException("column " + column + " is null"));
    }

    static Optional<Instant> optional(ResultSet rows, String column) throws SQLException {
        return Optional.ofNullable(rows.getObject(column, OffsetDateTime.class)).map(OffsetDateTime::toInstant);
    }
}
