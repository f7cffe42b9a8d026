package app.ret.adapters.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import app.ret.adapters.postgres.testing.PostgresServer;
import app.ret.adapters.postgres.testing.PostgresTestDatabase;
import app.ret.domain.cache.CacheEntry;
import app.ret.domain.cache.CacheKey;
import app.ret.domain.cache.CacheKeyPrefix;
import app.ret.domain.cluster.InstanceId;
import app.ret.domain.session.EndReason;
import app.ret.domain.session.Session;
import app.ret.domain.session.SessionId;
import app.ret.ports.in.PeerChangesUseCase;
import app.ret.ports.testing.SampleData;
import app.ret.ports.testing.SampleJobs;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Two instances, A and B, on one database: what A's stores change reaches B's listener as notices,
 * when and only when it commits, never echoing A's own back to A; a lost listening connection is
 * reported and, once listening again, reported as resumed.
 */
class PostgresChangeListenerTest {
    private static final Duration NOTICE_WAIT = Duration.ofSeconds(5);
    private static final ChangeNotices FROM_A = new ChangeNotices(new InstanceId("a"));
    private static final ChangeNotices FROM_B = new ChangeNotices(new InstanceId("b"));
    private static PostgresTestDatabase testDatabase;
    private static PostgresDatabase database;
    private static PostgresUrl url;

    private final Heard heardByA = new Heard();
    private final Heard heardByB = new Heard();

    @BeforeAll
    static void openDatabase() {
        testDatabase = PostgresServer.shared().newDatabase();
        url = PostgresUrl.parse(testDatabase.url());
        database = PostgresDatabase.open(url, TemporaryPostgres.POOL, Clock.systemUTC());
    }

    @AfterAll
    static void closeDatabase() {
        database.close();
    }

    private final List<PostgresChangeListener> listeners = new ArrayList<>();

    @AfterEach
    void stopListening() {
        listeners.forEach(PostgresChangeListener::close);
    }

    private PostgresChangeListener listen(ChangeNotices notices, Heard heard) {
        PostgresChangeListener listener = PostgresChangeListener.start(url, Duration.ofSeconds(2), notices, heard);
        listeners.add(listener);
        return listener;
    }

    @Test
    void aCacheWriteOrDeleteOfOneInstanceReachesTheOtherAndNotItself() throws Exception {
        PostgresCacheTier tierOfA = new PostgresCacheTier(database, FROM_A);
        listen(FROM_A, heardByA);
        listen(FROM_B, heardByB);
        CacheKey key = new CacheKey("session:s1:state:colour");
        tierOfA.put(CacheEntry.expiring(key, "blue".getBytes(StandardCharsets.UTF_8), Instant.now(), Duration.ofMinutes(5)));
        assertThat(heardByB.next()).isEqualTo("key " + key);
        tierOfA.delete(key, Instant.now());
        assertThat(heardByB.next()).isEqualTo("key " + key);
        tierOfA.deleteByPrefix(new CacheKeyPrefix("session:s1:"), Instant.now());
        assertThat(heardByB.next()).isEqualTo("prefix session:s1:");
        assertThat(heardByA.events.poll(200, TimeUnit.MILLISECONDS)).as("A's own notices are not echoed to A").isNull();
    }

    @Test
    void aRolledBackChangeSendsNoNotice() throws Exception {
        listen(FROM_B, heardByB);
        database.transaction(connection -> {
            FROM_A.prefixDeleted(connection, new CacheKeyPrefix("never:"));
            connection.rollback();
            return null;
        });
        database.transaction(connection -> {
            FROM_A.prefixDeleted(connection, new CacheKeyPrefix("committed:"));
            return null;
        });
        assertThat(heardByB.next()).isEqualTo("prefix committed:");
    }

    @Test
    void aSubmittedOrReleasedJobWakesTheOtherInstancesWorkers() throws Exception {
        PostgresJobStore jobsOfA = new PostgresJobStore(database, FROM_A);
        Session owner = SampleData.session("alice", Instant.now());
        TemporaryPostgres.sessions(database).insert(owner);
        listen(FROM_B, heardByB);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        jobsOfA.enqueue(SampleJobs.queued(owner.id(), now));
        assertThat(heardByB.next()).isEqualTo("jobs");
        assertThat(jobsOfA.claimNext(now.plusSeconds(1), now.plusSeconds(2))).isPresent();
        assertThat(jobsOfA.releaseExpired(now.plusSeconds(2))).isEqualTo(1);
        assertThat(heardByB.next()).isEqualTo("jobs");
    }

    /** B has dropped the session when A's ending returns: the acknowledgement is what A's ending waits for. */
    @Test
    void aSessionEndedByOneInstanceIsDroppedByTheOthersBeforeTheEndingReturns() {
        PostgresSessionStore sessionsOfA = new PostgresSessionStore(database, FROM_A, Duration.ofSeconds(10));
        listen(FROM_A, heardByA);
        listen(FROM_B, heardByB);
        Session session = SampleData.session("alice", Instant.now());
        sessionsOfA.insert(session);

        assertThat(sessionsOfA.markEnding(session.id(), EndReason.LOGOUT, Instant.now().plusSeconds(30))).isPresent();

        assertThat(heardByB.events.poll()).as("heard by B before A's ending returned").isEqualTo("session " + session.id());
        assertThat(heardByA.events.poll()).as("A's own notice is not echoed to A").isNull();
        assertThat(sessionsOfA.markEnding(session.id(), EndReason.ADMIN, Instant.now().plusSeconds(30))).as("ended once").isEmpty();
    }

    /** An instance listening but never answering (stalled) holds an ending up only for the wait, and the session still ends. */
    @Test
    void aSilentInstanceHoldsAnEndingOnlyForTheAcknowledgementWait() throws Exception {
        Duration wait = Duration.ofMillis(300);
        PostgresSessionStore sessionsOfA = new PostgresSessionStore(database, FROM_A, wait);
        Session session = SampleData.session("alice", Instant.now());
        sessionsOfA.insert(session);
        try (Connection silent = testDatabase.connect(); var listen = silent.createStatement()) {
            listen.execute("SET application_name = '" + PostgresChangeListener.APPLICATION_NAME_PREFIX + "silent'");
            listen.execute("LISTEN " + ChangeNotices.CHANNEL);
            long started = System.nanoTime();

            assertThat(sessionsOfA.markEnding(session.id(), EndReason.LOGOUT, Instant.now().plusSeconds(30))).isPresent();

            assertThat(Duration.ofNanos(System.nanoTime() - started)).isBetween(wait, wait.plusSeconds(5));
        }
        assertThat(sessionsOfA.find(session.id()).orElseThrow().isActive()).isFalse();
    }

    @Test
    void aTerminatedListeningConnectionIsReportedLostThenResumed() throws Exception {
        PostgresChangeListener b = listen(FROM_B, heardByB);
        assertThat(terminateListenerOf("b")).isEqualTo(1);
        assertThat(heardByB.next()).isEqualTo("lost");
        assertThat(heardByB.next()).isEqualTo("resumed");
        assertThat(b.reconnects()).isEqualTo(1);
        new PostgresCacheTier(database, FROM_A).deleteByPrefix(new CacheKeyPrefix("after:"), Instant.now());
        assertThat(heardByB.next()).as("listening again").isEqualTo("prefix after:");
    }

    private static int terminateListenerOf(String instance) throws SQLException {
        try (Connection admin = testDatabase.connect(); PreparedStatement terminate = admin.prepareStatement(
                "SELECT COUNT(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE application_name = ?")) {
            terminate.setString(1, PostgresChangeListener.APPLICATION_NAME_PREFIX + instance);
            try (var rows = terminate.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        }
    }

    /** What a listener told its instance, in order. */
    private static final class Heard implements PeerChangesUseCase {
        final BlockingQueue<String> events = new LinkedBlockingQueue<>();

        String next() throws InterruptedException {
            String event = events.poll(NOTICE_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            assertThat(event).as("a notice within " + NOTICE_WAIT).isNotNull();
            return event;
        }

        @Override
        public void cacheEntryChanged(CacheKey key) {
            events.add("key " + key);
        }

        @Override
        public void cacheEntriesChanged(CacheKeyPrefix prefix) {
            events.add("prefix " + prefix.value());
        }

        @Override
        public void sessionEnded(SessionId id) {
            events.add("session " + id);
        }

        @Override
        public void jobsQueued() {
            events.add("jobs");
        }

        @Override
        public void noticesLost() {
            events.add("lost");
        }

        @Override
        public void noticesResumed() {
            events.add("resumed");
        }
    }
}
