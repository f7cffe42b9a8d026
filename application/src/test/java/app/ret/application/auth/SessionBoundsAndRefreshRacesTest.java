package app.ret.application.auth;

import static org.assertj.core.api.Assertions.assertThat;

import app.ret.application.RetCore;
import app.ret.application.TestCores;
import app.ret.adapters.memory.InMemoryRefreshTokenStore;
import app.ret.domain.cleanup.CleanupReport;
import app.ret.domain.cleanup.RemovedResource;
import app.ret.domain.files.UploadOutcome;
import app.ret.domain.session.EndReason;
import app.ret.domain.session.SessionId;
import app.ret.domain.user.Role;
import app.ret.ports.in.LoginUseCase.LoginCommand;
import app.ret.ports.in.LoginUseCase.LoginResult;
import app.ret.ports.in.RefreshUseCase.RefreshResult;
import app.ret.ports.in.SessionEnded;
import app.ret.ports.in.SessionStateUseCase;
import app.ret.ports.out.Workspace;
import app.ret.ports.out.WorkspaceUsage;
import app.ret.ports.testing.MutableClock;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 15: sessions per user, and refresh races between two tabs of one session (fake clock). */
class SessionBoundsAndRefreshRacesTest {
    private static final String PASSWORD = "password-1";
    private static final Duration GRACE = Duration.ofSeconds(10);

    private final MutableClock clock = MutableClock.atSomeFixedTime();
    private final ExecutorService pool = Executors.newFixedThreadPool(8);

    @TempDir
    Path root;

    @AfterEach
    void stopThreads() {
        pool.shutdownNow();
    }

    @Test
    void aRotatedTokenPresentedAgainJustInsideTheGraceIsRefusedAndTheSessionLives() {
        RetCore core = core(5);
        LoginResult.LoggedIn login = login(core);
        String first = login.grant().refreshToken();
        String second = refreshed(core.refresh().refresh(first));
        clock.advance(GRACE.minusMillis(1));

        assertThat(core.refresh().refresh(first)).isEqualTo(new RefreshResult.Superseded());
        assertThat(core.sessionQueries().activeSession(login.grant().session().id())).isPresent();
        assertThat(core.refresh().refresh(second)).isInstanceOf(RefreshResult.Refreshed.class);
    }

    @Test
    void aRotatedTokenPresentedAgainWhenTheGraceIsOverEndsTheSession() {
        RetCore core = core(5);
        LoginResult.LoggedIn login = login(core);
        String first = login.grant().refreshToken();
        String second = refreshed(core.refresh().refresh(first));
        clock.advance(GRACE);

        assertThat(core.refresh().refresh(first)).isEqualTo(new RefreshResult.Rejected(true));
        assertThat(core.sessionQueries().activeSession(login.grant().session().id())).isEmpty();
        assertThat(core.refresh().refresh(second)).isEqualTo(new RefreshResult.Rejected(false));
    }

    @Test
    void withoutAGraceAnyReuseEndsTheSession() {
        RetCore core = TestCores.create(clock, root, TestCores.auth(5, Duration.ZERO), TestCores.files(1 << 20, 4 << 20));
        core.userAdministration().addUser("dave", Role.USER, PASSWORD.toCharArray());
        LoginResult.LoggedIn login = login(core);
        refreshed(core.refresh().refresh(login.grant().refreshToken()));

        assertThat(core.refresh().refresh(login.grant().refreshToken())).isEqualTo(new RefreshResult.Rejected(true));
    }

    /** Issue 15 reproduced: four tabs refreshing with one cookie got one 200, three 401 and the session ended. */
    @Test
    void fourConcurrentRefreshesWithOneCookieLeaveTheSessionAlive() throws Exception {
        RetCore core = core(5);
        LoginResult.LoggedIn login = login(core);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<RefreshResult>> racing = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            racing.add(pool.submit(() -> {
                start.await();
                return core.refresh().refresh(login.grant().refreshToken());
            }));
        }
        start.countDown();
        List<RefreshResult> results = new ArrayList<>();
        for (Future<RefreshResult> result : racing) {
            results.add(result.get(10, TimeUnit.SECONDS));
        }

        assertThat(results).filteredOn(RefreshResult.Refreshed.class::isInstance).hasSize(1);
        assertThat(results).filteredOn(RefreshResult.Superseded.class::isInstance).hasSize(3);
        assertThat(core.sessionQueries().activeSession(login.grant().session().id())).isPresent();
    }

    @Test
    void aLoginBeyondTheLimitEndsTheOldestSessionWithTheUsualCleanup() throws Exception {
        RetCore core = core(3);
        List<SessionId> sessions = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            LoginResult.LoggedIn login = login(core);
            assertThat(login.endedSessions()).isEmpty();
            sessions.add(login.grant().session().id());
            clock.advance(Duration.ofSeconds(1));
        }
        SessionId oldest = sessions.get(0);
        byte[] xml = "<a><b>1</b></a>".getBytes(StandardCharsets.UTF_8);
        assertThat(core.files().upload(oldest, "a.xml", new ByteArrayInputStream(xml))).isInstanceOf(UploadOutcome.Stored.class);
        core.sessionState().put(new SessionStateUseCase.PutCommand(oldest, "k", "1".getBytes(StandardCharsets.UTF_8), Optional.empty()));

        LoginResult.LoggedIn fourth = login(core);

        assertThat(fourth.endedSessions()).extracting(SessionEnded::sessionId).containsExactly(oldest);
        SessionEnded ended = fourth.endedSessions().get(0);
        assertThat(ended.removed().count(RemovedResource.FILES)).isEqualTo(1);
        assertThat(ended.removed().count(RemovedResource.BYTES)).isEqualTo(xml.length);
        assertThat(ended.removed().count(RemovedResource.CACHE_ENTRIES)).isEqualTo(1);
        assertThat(ended.refreshTokensRevoked()).isEqualTo(1);
        assertThat(root.resolve("sessions").resolve(oldest.value())).doesNotExist();
        assertThat(core.sessionQueries().activeSessions()).extracting(overview -> overview.session().id())
                .containsExactly(sessions.get(1), sessions.get(2), fourth.grant().session().id());
    }

    /** Five at once: each attempt holds one of the name's five failure reservations while its password is checked. */
    @Test
    void racingLoginsLeaveExactlyTheLimit() throws Exception {
        RetCore core = core(2);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<LoginResult>> racing = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            racing.add(pool.submit(() -> {
                start.await();
                return core.login().login(new LoginCommand("dave", PASSWORD.toCharArray(), "192.0.2.1"));
            }));
        }
        start.countDown();
        int ended = 0;
        for (Future<LoginResult> result : racing) {
            ended += ((LoginResult.LoggedIn) result.get(10, TimeUnit.SECONDS)).endedSessions().size();
        }

        assertThat(core.sessionQueries().activeSessions()).hasSize(2);
        assertThat(ended).isEqualTo(3);
    }

    /**
     * Logins in one instant are ordered by their ids, so the newest login is not always last in that
     * order: a login that skipped itself as "the oldest" left one session too many.
     */
    @Test
    void loginsInOneInstantLeaveExactlyTheLimitWhateverOrderTheirIdsHave() {
        RetCore core = core(2);
        int ended = 0;
        for (int i = 0; i < 8; i++) {
            ended += login(core).endedSessions().size();
            assertThat(core.sessionQueries().activeSessions()).hasSizeLessThanOrEqualTo(2);
        }

        assertThat(core.sessionQueries().activeSessions()).hasSize(2);
        assertThat(ended).isEqualTo(6);
    }

    /**
     * A racing login of the same user ends this login's session while its workspace is being made
     * (the ending's cleanup ran before the folder and the refresh token existed): the login still
     * answers, and nothing of the ended session is left behind.
     */
    @Test
    void aSessionEndedWhileItsLoginWasStillStartingLeavesNothingBehind() {
        InMemoryRefreshTokenStore refreshTokens = new InMemoryRefreshTokenStore();
        AtomicReference<RetCore> racer = new AtomicReference<>();
        RetCore core = TestCores.create(clock, root, TestCores.auth(2, GRACE), TestCores.files(1 << 20, 4 << 20), refreshTokens,
                workspace -> new EndedByARacerOnCreate(workspace, racer));
        racer.set(core);
        core.userAdministration().addUser("dave", Role.USER, PASSWORD.toCharArray());

        SessionId started = login(core).grant().session().id();

        assertThat(core.sessionQueries().activeSession(started)).isEmpty();
        assertThat(root.resolve("sessions").resolve(started.value())).doesNotExist();
        assertThat(refreshTokens.revokeAll(started)).isZero();
    }

    /** Ends the session in the first call to create once the racer is set, as a racing login of the same user would. */
    private record EndedByARacerOnCreate(Workspace workspace, AtomicReference<RetCore> racer) implements Workspace {
        @Override
        public void create(SessionId sessionId) {
            RetCore racing = racer.getAndSet(null);
            if (racing != null) {
                racing.endSession().end(sessionId, EndReason.SESSION_LIMIT);
            }
            workspace.create(sessionId);
        }

        @Override
        public boolean exists(SessionId sessionId) {
            return workspace.exists(sessionId);
        }

        @Override
        public WorkspaceUsage usage(SessionId sessionId) {
            return workspace.usage(sessionId);
        }

        @Override
        public String resourceName() {
            return workspace.resourceName();
        }

        @Override
        public CleanupReport purge(SessionId sessionId) {
            return workspace.purge(sessionId);
        }
    }

    /** The same, beside another session of the user: the list the login reads is not empty then. */
    @Test
    void aSessionEndedWhileItsLoginWasStillStartingLeavesNothingBehindBesideTheUsersOtherSessions() {
        InMemoryRefreshTokenStore refreshTokens = new InMemoryRefreshTokenStore();
        AtomicReference<RetCore> racer = new AtomicReference<>();
        RetCore core = TestCores.create(clock, root, TestCores.auth(2, GRACE), TestCores.files(1 << 20, 4 << 20), refreshTokens,
                workspace -> new EndedByARacerOnCreate(workspace, racer));
        core.userAdministration().addUser("dave", Role.USER, PASSWORD.toCharArray());
        SessionId earlier = login(core).grant().session().id();
        racer.set(core);

        SessionId started = login(core).grant().session().id();

        assertThat(core.sessionQueries().activeSessions()).extracting(overview -> overview.session().id()).containsExactly(earlier);
        assertThat(root.resolve("sessions").resolve(started.value())).doesNotExist();
        assertThat(refreshTokens.revokeAll(started)).isZero();
    }

    @Test
    void otherUsersSessionsDoNotCount() {
        RetCore core = core(1);
        core.userAdministration().addUser("erin", Role.USER, PASSWORD.toCharArray());
        LoginResult erin = core.login().login(new LoginCommand("erin", PASSWORD.toCharArray(), "192.0.2.1"));

        assertThat(login(core).endedSessions()).isEmpty();
        assertThat(login(core).endedSessions()).hasSize(1);
        assertThat(core.sessionQueries().activeSession(((LoginResult.LoggedIn) erin).grant().session().id())).isPresent();
    }

    private RetCore core(int maxSessionsPerUser) {
        RetCore core = TestCores.create(clock, root, TestCores.auth(maxSessionsPerUser, GRACE), TestCores.files(1 << 20, 4 << 20));
        core.userAdministration().addUser("dave", Role.USER, PASSWORD.toCharArray());
        return core;
    }

    private static LoginResult.LoggedIn login(RetCore core) {
        LoginResult result = core.login().login(new LoginCommand("dave", PASSWORD.toCharArray(), "192.0.2.1"));
        assertThat(result).isInstanceOf(LoginResult.LoggedIn.class);
        return (LoginResult.LoggedIn) result;
    }

    private static String refreshed(RefreshResult result) {
        assertThat(result).isInstanceOf(RefreshResult.Refreshed.class);
        return ((RefreshResult.Refreshed) result).grant().refreshToken();
    }
}
