package app.ret.application.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.ret.adapters.memory.InMemoryRateLimitStore;
import app.ret.application.ratelimit.RateLimitSettings;
import app.ret.domain.ratelimit.RateLimit;
import app.ret.domain.ratelimit.RateLimitKey;
import app.ret.domain.token.DeviceCookie;
import app.ret.domain.user.Username;
import app.ret.ports.in.LoginUseCase;
import app.ret.ports.in.LoginUseCase.LoginResult;
import app.ret.ports.in.TokenGrant;
import app.ret.ports.testing.MutableClock;
import app.ret.ports.testing.SampleData;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * What an attempt leaves on its failure counters (two failures per name, forty per address, in five
 * minutes) when it is throttled, turned away at a full password-check gate (one check at a time, no
 * queue), fails with an error, or succeeds.
 */
class LoginThrottleTest {
    private static final RateLimit TWO_FAILURES = new RateLimit(2, Duration.ofMinutes(5));
    private static final String ADDRESS = "192.0.2.1";
    private static final LoginResult.Rejected REJECTED = new LoginResult.Rejected();

    private final MutableClock clock = MutableClock.atSomeFixedTime();
    private final InMemoryRateLimitStore counters = new InMemoryRateLimitStore();
    private final RateLimitSettings limits = new RateLimitSettings(new RateLimit(100, Duration.ofMinutes(1)), TWO_FAILURES, 1, 0);
    private final LoginThrottle throttle = new LoginThrottle(clock, counters, limits);

    @Test
    void aThrottledAttemptGivesBackTheAddressFailureItReservedAndIsCounted() {
        fail("alice", 2);

        assertThat(attempt("alice", () -> REJECTED)).isInstanceOf(LoginResult.Throttled.class);

        assertThat(throttle.throttled()).isEqualTo(1);
        assertThat(addressFailuresLeft()).as("40, less alice's two failures").isEqualTo(38);
    }

    @Test
    void anAttemptThatFailsWithAnErrorCountsAsNoFailure() {
        for (int i = 0; i < 3; i++) {
            assertThatThrownBy(() -> attempt("alice", () -> {
                throw new IllegalStateException("store down");
            })).hasMessage("store down");
        }

        assertThat(attempt("alice", () -> REJECTED)).isEqualTo(REJECTED);
        assertThat(attempt("alice", () -> REJECTED)).isEqualTo(REJECTED);
        assertThat(attempt("alice", () -> REJECTED)).as("the limit, reached by the two rejections alone").isInstanceOf(LoginResult.Throttled.class);
        assertThat(addressFailuresLeft()).isEqualTo(38);
    }

    /** The password check runs inside the gate's only place, so the attempts made meanwhile find it full. */
    @Test
    void attemptsTurnedAwayByAFullGateAreCountedAndCountAsNoFailure() {
        List<LoginResult> turnedAway = new ArrayList<>();

        attempt("alice", () -> {
            for (int i = 0; i < 3; i++) {
                turnedAway.add(attempt("bob", () -> REJECTED));
            }
            return REJECTED;
        });

        assertThat(turnedAway).containsOnly(new LoginResult.Throttled(Duration.ofSeconds(1))).hasSize(3);
        assertThat(throttle.throttled()).isEqualTo(3);
        assertThat(attempt("bob", () -> REJECTED)).isEqualTo(REJECTED);
        assertThat(attempt("bob", () -> REJECTED)).isEqualTo(REJECTED);
        assertThat(addressFailuresLeft()).as("alice's and bob's rejections only").isEqualTo(37);
    }

    @Test
    void aSuccessGivesTheAddressItsFailureBackAndClearsTheNamesFailures() {
        fail("alice", 1);

        assertThat(attempt("alice", this::loggedIn)).isInstanceOf(LoginResult.LoggedIn.class);

        assertThat(addressFailuresLeft()).as("only the rejection counts").isEqualTo(39);
        assertThat(counters.acquire(RateLimitKey.forUser(new Username("alice")), TWO_FAILURES, clock.instant()).remaining())
                .as("alice's failures cleared").isEqualTo(1);
        assertThat(throttle.throttled()).isZero();
    }

    private void fail(String username, int times) {
        for (int i = 0; i < times; i++) {
            assertThat(attempt(username, () -> REJECTED)).isEqualTo(REJECTED);
        }
    }

    private LoginResult attempt(String username, Supplier<LoginResult> check) {
        return throttle.guard(ADDRESS, username, Optional.empty(), check);
    }

    /** What is left of the address's ceiling, this look counted. */
    private int addressFailuresLeft() {
        return counters.acquire(RateLimitKey.forClientAddress(ADDRESS), limits.addressLoginFailures(), clock.instant()).remaining() + 1;
    }

    private LoginResult loggedIn() {
        TokenGrant grant = new TokenGrant("access", Duration.ofMinutes(30), "refresh", Duration.ofDays(1),
                SampleData.session("alice", clock.instant()));
        return new LoginResult.LoggedIn(grant, new LoginUseCase.DeviceCookieGrant("device", DeviceCookie.LIFETIME), List.of());
    }
}
