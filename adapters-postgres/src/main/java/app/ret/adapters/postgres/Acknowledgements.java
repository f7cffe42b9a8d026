package app.ret.adapters.postgres;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * Where the instances that dropped something because of one notice say so: a channel of its own,
 * listened on by the connection that sent the notice. {@link #listenIn} inside the sending
 * transaction (the listening starts when it commits, before any instance can have heard the notice),
 * {@link #await} after the commit, and {@link #close} to stop listening before the connection goes
 * back to the pool. Each acknowledgement's payload is the id of the instance that sent it.
 */
final class Acknowledgements implements AutoCloseable {
    private static final String PREFIX = "ret_ack_";

    private final Connection connection;
    private final String channel;

    private Acknowledgements(Connection connection, String channel) {
        this.connection = connection;
        this.channel = channel;
    }

    /** A new channel, listened on from the commit of {@code connection}'s transaction. */
    static String listenIn(Connection connection) throws SQLException {
        String channel = PREFIX + UUID.randomUUID().toString().replace("-", "").toLowerCase(Locale.ROOT);
        try (Statement listen = connection.createStatement()) {
            listen.execute("LISTEN " + channel);
        }
        return channel;
    }

    /** The acknowledgements on {@code channel}, which {@code connection} listens on since its last commit. */
    static Acknowledgements on(Connection connection, String channel) {
        return new Acknowledgements(connection, channel);
    }

    /** Waits until every instance in {@code expected} has acknowledged, or {@code wait} ran out; those that did not. */
    Set<String> await(Set<String> expected, Duration wait) throws SQLException {
        Set<String> missing = new HashSet<>(expected);
        PGConnection notifications = connection.unwrap(PGConnection.class);
        long deadline = System.nanoTime() + wait.toNanos();
        while (!missing.isEmpty()) {
            long left = Duration.ofNanos(deadline - System.nanoTime()).toMillis();
            if (left <= 0) {
                break;
            }
            PGNotification[] received = notifications.getNotifications((int) left);
            if (received != null) {
                for (PGNotification acknowledgement : received) {
                    if (acknowledgement.getName().equals(channel)) {
                        missing.remove(acknowledgement.getParameter());
                    }
                }
            }
        }
        return missing;
    }

    /** Stops listening and drops what arrived meanwhile, so the pooled connection carries nothing of this wait. */
    @Override
    public void close() throws SQLException {
        try (Statement unlisten = connection.createStatement()) {
            unlisten.execute("UNLISTEN " + channel);
        }
        connection.unwrap(PGConnection.class).getNotifications();
    }
}
