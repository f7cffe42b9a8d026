package app.ret.application.session;

import static org.assertj.core.api.Assertions.assertThat;

import app.ret.application.RetCore;
import app.ret.application.TestCores;
import app.ret.domain.cache.StateKey;
import app.ret.domain.session.EndReason;
import app.ret.domain.session.SessionId;
import app.ret.domain.user.Role;
import app.ret.ports.in.SessionStateUseCase;
import app.ret.ports.in.SessionStateUseCase.Deleted;
import app.ret.ports.in.SessionStateUseCase.Found;
import app.ret.ports.in.SessionStateUseCase.Invalid;
import app.ret.ports.in.SessionStateUseCase.NotFound;
import app.ret.ports.in.SessionStateUseCase.PutCommand;
import app.ret.ports.in.SessionStateUseCase.SessionOver;
import app.ret.ports.in.SessionStateUseCase.StateEntry;
import app.ret.ports.in.SessionStateUseCase.Stored;
import app.ret.ports.in.SessionStateUseCase.TooLarge;
import app.ret.ports.testing.MutableClock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A session's state through the core: keys, sizes, lifetimes bounded by the session's own end. */
class SessionStateTest {
    private static final byte[] JSON = "{\"theme\":\"dark\"}".getBytes(StandardCharsets.UTF_8);

    private final MutableClock clock = MutableClock.atSomeFixedTime();
    @TempDir
    Path runtimeRoot;
    private RetCore core;
    private SessionStateUseCase state;
    private SessionId session;

    @BeforeEach
    void logIn() {
        core = TestCores.create(clock, runtimeRoot, TestCores.auth(5, Duration.ofSeconds(10)), TestCores.files(16 << 20, 64 << 20));
        core.userAdministration().addUser("alice", Role.USER, "password-1".toCharArray());
        session = TestCores.login(core, "alice", "password-1").session().id();
        state = core.sessionState();
    }

    @Test
    void aStoredValueIsFoundListedAndDeletedOnce() {
        Stored stored = (Stored) state.put(new PutCommand(session, "ui.theme", JSON, Optional.of(Duration.ofMinutes(5))));

        assertThat(stored.entry()).isEqualTo(new StateEntry("ui.theme", JSON.length, Optional.of(clock.instant().plus(Duration.ofMinutes(5)))));
        assertThat(((Found) state.get(session, "ui.theme")).entry().value()).isEqualTo(JSON);
        assertThat(state.list(session)).containsExactly(stored.entry());
        assertThat(state.delete(session, "ui.theme")).isEqualTo(new Deleted());
        assertThat(state.delete(session, "ui.theme")).isEqualTo(new NotFound());
        assertThat(state.get(session, "ui.theme")).isEqualTo(new NotFound());
        assertThat(state.list(session)).isEmpty();
    }

    @Test
    void withoutATtlAValueLivesTheCachesDefaultHour() {
        Stored stored = (Stored) state.put(new PutCommand(session, "k", JSON, Optional.empty()));
        assertThat(stored.entry().expiresAt()).contains(clock.instant().plus(Duration.ofHours(1)));
    }

    @Test
    void noValueOutlivesItsSession() {
        Stored stored = (Stored) state.put(new PutCommand(session, "k", JSON, Optional.of(Duration.ofHours(13))));
        assertThat(stored.entry().expiresAt()).as("the session ends 12 h after login").contains(clock.instant().plus(Duration.ofHours(12)));

        clock.advance(Duration.ofHours(12).minusMillis(1));
        assertThat(state.put(new PutCommand(session, "k", JSON, Optional.empty()))).as("the shortest life left").isInstanceOf(Stored.class);
        clock.advance(Duration.ofNanos(500_000));
        assertThat(state.put(new PutCommand(session, "k", JSON, Optional.empty()))).as("less than that left").isEqualTo(new SessionOver());
    }

    @Test
    void aSessionThatEndedStoresNothing() {
        core.endSession().end(session, EndReason.LOGOUT);
        assertThat(state.put(new PutCommand(session, "k", JSON, Optional.empty()))).isEqualTo(new SessionOver());
    }

    @Test
    void keysTtlsAndSizesAreChecked() {
        assertThat(state.put(new PutCommand(session, "no spaces", JSON, Optional.empty()))).isEqualTo(new Invalid(StateKey.RULE));
        assertThat(state.get(session, "no spaces")).isEqualTo(new Invalid(StateKey.RULE));
        assertThat(state.delete(session, "no spaces")).isEqualTo(new Invalid(StateKey.RULE));
        assertThat(state.put(new PutCommand(session, "k", JSON, Optional.of(Duration.ZERO))))
                .isEqualTo(new Invalid("ttl must be a positive number of seconds"));
        assertThat(state.put(new PutCommand(session, "k", JSON, Optional.of(Duration.ofSeconds(-1))))).isInstanceOf(Invalid.class);
        assertThat(state.put(new PutCommand(session, "k", JSON, Optional.of(Duration.ofMillis(1))))).as("the shortest life").isInstanceOf(Stored.class);
        byte[] largest = new byte[SessionStateUseCase.MAX_VALUE_BYTES];
        assertThat(state.put(new PutCommand(session, "k", largest, Optional.empty()))).isInstanceOf(Stored.class);
        byte[] tooLarge = new byte[SessionStateUseCase.MAX_VALUE_BYTES + 1];
        assertThat(state.put(new PutCommand(session, "k", tooLarge, Optional.empty()))).isEqualTo(new TooLarge(SessionStateUseCase.MAX_VALUE_BYTES));
    }
}
