package app.ret.application.auth;

import app.ret.domain.ratelimit.RateLimit;
import app.ret.domain.ratelimit.RateLimitDecision;
import app.ret.domain.ratelimit.RateLimitKey;
import app.ret.domain.user.Username;
import app.ret.ports.in.LoginUseCase.LoginResult;
import app.ret.ports.out.RateLimitStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/**
 * Failed logins are limited per client address and per username. Each attempt reserves one failure
 * on both keys before any password is hashed, so a throttled attempt costs no hashing and racing
 * attempts cannot get past the limit; the reservations stand only when the attempt fails. A success
 * gives the address its reservation back and clears the username's failures. The password check
 * itself passes the {@link PasswordCheckGate}.
 */
final class LoginThrottle {
    private static final System.Logger LOG = System.getLogger(LoginThrottle.class.getName());
    /** A login turned away because every password check is busy may try again soon. */
    private static final Duration RETRY_WHEN_BUSY = Duration.ofSeconds(1);

    private final Clock clock;
    private final RateLimitStore failures;
    private final RateLimit policy;
    private final PasswordCheckGate gate;
    private final LongAdder throttled = new LongAdder();

    LoginThrottle(Clock clock, RateLimitStore failures, RateLimit policy, PasswordCheckGate gate) {
        this.clock = clock;
        this.failures = failures;
        this.policy = policy;
        this.gate = gate;
    }

    /** Runs {@code attempt} (which answers LoggedIn or Rejected) unless the caller is throttled. */
    LoginResult guard(String clientAddress, String username, Supplier<LoginResult> attempt) {
        RateLimitKey address = RateLimitKey.forClientAddress(clientAddress);
        // A name that cannot exist is counted against the address only (and cannot bloat a key).
        Optional<RateLimitKey> name = Username.isValid(username)
                ? Optional.of(RateLimitKey.forUser(new Username(username)))
                : Optional.empty();
        Instant now = clock.instant();
        List<Reservation> reserved = new ArrayList<>(2);
        for (RateLimitKey key : name.isPresent() ? List.of(address, name.get()) : List.of(address)) {
            RateLimitDecision decision = failures.acquire(key, policy, now);
            if (decision instanceof RateLimitDecision.Refused refused) {
                reserved.forEach(this::release);
                throttled.increment();
                return new LoginResult.Throttled(refused.retryAfter());
            }
            reserved.add(new Reservation(key, (RateLimitDecision.Allowed) decision));
        }
        Optional<LoginResult> outcome;
        try {
            outcome = gate.run(attempt);
        } catch (RuntimeException e) {
            reserved.forEach(this::release);
            throw e;
        }
        if (outcome.isEmpty()) {
            reserved.forEach(this::release);
            throttled.increment();
            return new LoginResult.Throttled(RETRY_WHEN_BUSY);
        }
        if (outcome.get() instanceof LoginResult.Rejected) {
            reserved.stream().filter(reservation -> reservation.grant().remaining() == 0).forEach(this::logLimitReached);
            return outcome.get();
        }
        release(reserved.get(0));
        name.ifPresent(failures::clear);
        return outcome.get();
    }

    /** Logins refused with 429 since the start. */
    long throttled() {
        return throttled.sum();
    }

    private void release(Reservation reservation) {
        failures.release(reservation.key(), reservation.grant());
    }

    private void logLimitReached(Reservation reservation) {
        LOG.log(System.Logger.Level.WARNING, "{0} failed logins for {1}; further attempts refused for {2} s",
                policy.limit(), reservation.key(), reservation.grant().resetSeconds());
    }

    private record Reservation(RateLimitKey key, RateLimitDecision.Allowed grant) {}
}
