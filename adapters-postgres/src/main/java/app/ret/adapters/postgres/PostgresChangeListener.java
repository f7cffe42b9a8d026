package app.ret.adapters.postgres;

import app.ret.ports.in.PeerChangesUseCase;
import app.ret.ports.out.StoreFailureException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * Listens for other instances' {@link ChangeNotices} on a connection of its own (outside the pool:
 * it is held for the life of the process) and hands each to the core. A lost connection — the
 * server restarted, the backend was terminated, the network failed — means notices may be missed:
 * the core is told at once, and again when a new connection listens, so it can drop whatever it
 * copied meanwhile. The connection is checked every {@link #PROBE_EVERY} of silence, because a
 * connection that vanished without a goodbye never delivers an error by itself.
 */
public final class PostgresChangeListener implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(PostgresChangeListener.class.getName());
    static final String APPLICATION_NAME_PREFIX = "ret-listener ";
    private static final int WAIT_MILLIS = 250;
    private static final Duration PROBE_EVERY = Duration.ofSeconds(1);
    private static final Duration FIRST_RETRY = Duration.ofMillis(50);
    private static final Duration LAST_RETRY = Duration.ofSeconds(1);

    private final PostgresUrl url;
    private final Duration connectTimeout;
    private final ChangeNotices notices;
    private final PeerChangesUseCase peers;
    private final AtomicLong reconnects = new AtomicLong();
    private final Thread thread;
    private volatile boolean closed;
    private volatile Connection connection;

    private PostgresChangeListener(PostgresUrl url, Duration connectTimeout, ChangeNotices notices, PeerChangesUseCase peers) {
        this.url = url;
        this.connectTimeout = connectTimeout;
        this.notices = notices;
        this.peers = peers;
        this.thread = new Thread(this::listen, "ret-change-listener");
        this.thread.setDaemon(true);
    }

    /** Listens before it returns (the instance serves nothing it could have missed), then keeps listening on a thread of its own. */
    public static PostgresChangeListener start(PostgresUrl url, Duration connectTimeout, ChangeNotices notices, PeerChangesUseCase peers) {
        PostgresChangeListener listener = new PostgresChangeListener(url, connectTimeout, notices, peers);
        try {
            listener.connection = listener.connectAndListen();
        } catch (SQLException e) {
            throw new StoreFailureException("cannot listen for change notices on " + url.masked() + ": " + e.getMessage(), e);
        }
        listener.thread.start();
        return listener;
    }

    /** How many times the connection was lost and listening again (a figure for tests and metrics). */
    public long reconnects() {
        return reconnects.get();
    }

    private Connection connectAndListen() throws SQLException {
        Properties properties = new Properties();
        url.user().ifPresent(user -> properties.setProperty("user", user));
        url.password().ifPresent(password -> properties.setProperty("password", password));
        String seconds = Long.toString(Math.max(1, connectTimeout.toSeconds()));
        properties.setProperty("connectTimeout", seconds);
        properties.setProperty("loginTimeout", seconds);
        properties.setProperty("tcpKeepAlive", "true");
        properties.setProperty("ApplicationName", APPLICATION_NAME_PREFIX + notices.origin().value());
        Connection opened = DriverManager.getConnection(url.jdbcUrl(), properties);
        try (Statement listen = opened.createStatement()) {
            listen.execute("LISTEN " + ChangeNotices.CHANNEL);
            return opened;
        } catch (SQLException e) {
            closeQuietly(opened);
            throw e;
        }
    }

    private void listen() {
        Duration retry = FIRST_RETRY;
        long lastHeard = System.nanoTime();
        while (!closed) {
            try {
                if (connection == null) {
                    connection = connectAndListen();
                    reconnects.incrementAndGet();
                    peers.noticesResumed();
                    LOG.log(System.Logger.Level.INFO, "listening for change notices again; the memory cache starts empty");
                    retry = FIRST_RETRY;
                }
                PGNotification[] received = connection.unwrap(PGConnection.class).getNotifications(WAIT_MILLIS);
                if (received != null && received.length > 0) {
                    lastHeard = System.nanoTime();
                    Connection listening = connection;
                    for (PGNotification notice : received) {
                        if (!notices.deliver(notice.getParameter(), peers, channel -> notices.acknowledge(listening, channel))) {
                            LOG.log(System.Logger.Level.WARNING, "ignored a change notice of unknown form: {0}", notice.getParameter());
                        }
                    }
                } else if (System.nanoTime() - lastHeard > PROBE_EVERY.toNanos()) {
                    probe(connection);
                    lastHeard = System.nanoTime();
                }
            } catch (SQLException | RuntimeException e) {
                if (closed) {
                    return;
                }
                lose(e);
                sleep(retry);
                retry = retry.multipliedBy(2).compareTo(LAST_RETRY) > 0 ? LAST_RETRY : retry.multipliedBy(2);
            }
        }
    }

    private void lose(Exception cause) {
        Connection lost = connection;
        connection = null;
        if (lost != null) {
            closeQuietly(lost);
            LOG.log(System.Logger.Level.WARNING, "lost the change-notice connection ({0}); reconnecting", cause.getMessage());
            peers.noticesLost();
        }
    }

    private void probe(Connection listening) throws SQLException {
        try (Statement statement = listening.createStatement()) {
            statement.setQueryTimeout((int) Math.max(1, connectTimeout.toSeconds()));
            statement.execute("SELECT 1");
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void closeQuietly(Connection connection) {
        try {
            connection.close();
        } catch (SQLException ignored) {
            // Already broken: closing it is only tidying up.
        }
    }

    @Override
    public void close() {
        closed = true;
        Connection open = connection;
        if (open != null) {
            closeQuietly(open);
        }
        thread.interrupt();
        try {
            thread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
