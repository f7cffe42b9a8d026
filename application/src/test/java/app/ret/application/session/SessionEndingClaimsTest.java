package app.ret.application.session;

import static org.assertj.core.api.Assertions.assertThat;

import app.ret.adapters.memory.InMemoryRefreshTokenStore;
import app.ret.adapters.memory.InMemorySessionStore;
import app.ret.domain.cleanup.CleanupReport;
import app.ret.domain.session.EndReason;
import app.ret.domain.session.Session;
import app.ret.domain.session.SessionId;
import app.ret.ports.testing.MutableClock;
import app.ret.ports.testing.SampleData;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The sweep's takeover of interrupted endings: each session's cleanup runs once, however slow the batch. */
class SessionEndingClaimsTest {
    private static final Duration CLAIM = Duration.ofSeconds(3);

    private final MutableClock clock = MutableClock.atSomeFixedTime();
    private final InMemorySessionStore sessions = new InMemorySessionStore();
    private final List<SessionId> cleaned = new ArrayList<>();

    /**
     * Three interrupted endings are claimed together, and each cleanup takes 2 s of a 3 s claim: the
     * sweep starts none once half the claim is gone, so none is still running when its claim runs out
     * and another instance's sweep takes it; the next sweep after that finishes the rest, each once.
     */
    @Test
    void aSlowBatchOfTakenOverEndingsStartsNoCleanupPastHalfItsClaim() {
        SessionEndingService endings = new SessionEndingService(clock, sessions, new InMemoryRefreshTokenStore(), List.of(
                new SessionEndingService.Cleanup("slow", id -> {
                    cleaned.add(id);
                    clock.advance(Duration.ofSeconds(2));
                    return CleanupReport.empty();
                })), List.of(), CLAIM);
        for (int i = 0; i < 3; i++) {
            Session session = SampleData.session("alice", clock.instant());
            sessions.insert(session);
            sessions.markEnding(session.id(), EndReason.LOGOUT, clock.instant()); // its ending process died at once
        }

        assertThat(endings.finishInterruptedEndings()).isEqualTo(1);
        assertThat(endings.finishInterruptedEndings()).as("the rest are still claimed").isZero();
        clock.advance(CLAIM);
        assertThat(endings.finishInterruptedEndings()).isEqualTo(1);
        clock.advance(CLAIM);
        assertThat(endings.finishInterruptedEndings()).isEqualTo(1);

        assertThat(cleaned).doesNotHaveDuplicates().hasSize(3);
        assertThat(sessions.listActive()).isEmpty();
    }
}
