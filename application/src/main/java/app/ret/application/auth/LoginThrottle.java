package app.ret.application.auth;

import app.ret.application.ratelimit.RateLimitSettings;
import app.ret.domain.ratelimit.RateLimit;
import app.ret.domain.ratelimit.RateLimitDecision;
import app.ret.domain.ratelimit.RateLimitKey;
import app.ret.domain.token.DeviceCookie;
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
 * Failed logins, counted as OWASP's device-cookie scheme does. Every attempt counts against its
 * client address (a high ceiling across all names: credential stuffing) and against the username
 * tried from that address; beyond that, an attempt from a device holding a valid device cookie for
 * the username counts against that device alone, and every other attempt against the username as
 * tried from devices it never logged in on. So failures from anywhere lock out unknown devices,
 * but never the user's own browser: nobody can lock a user out from elsewhere.
 *
 * <p>Each attempt reserves one failure on each of its keys before any password is hashed, so a
 * throttled attempt costs no hashing and racing attempts cannot get past a limit; the reservations
 * stand only when the attempt fails. A success gives the address its reservation back and clears
 * the keys that name the user. The password check itself passes the {@link PasswordCheckGate}.
 */
final class LoginThrottle {
    private static final System.Logger LOG = System.getLogger(LoginThrottle.class.getName());
    /** A login turned away because every password check is busy may try again soon. */
    private static final Duration RETRY_WHEN_BUSY = Duration.ofSeconds(1);

    private final Clock clock;
    private final RateLimitStore failures;
    private final RateLimit perUsername;
    private final RateLimit perAddress;
    private final PasswordCheckGate gate;
    private final LongAdder throttled = new LongAdder();

    LoginThrottle(Clock clock, RateLimitStore failures, RateLimitSettings limits) {
        this.clock = clock;
        this.failures = failures;
        this.perUsername = limits.loginFailures();
        this.perAddress = limits.addressLoginFailures();
        this.gate = new PasswordCheckGate(limits.concurrentPasswordChecks(), limits.queuedPasswordChecks());
    }

    /**
     * Runs {@code attempt} (which answers LoggedIn or Rejected) unless the caller is throttled.
     * {@code device} is the caller's device cookie when it vouches for {@code username} now.
     */
    LoginResult guard(String clientAddress, String username, Optional<DeviceCookie> device, Supplier<LoginResult> attempt) {
        Instant now = clock.instant();
        List<Reservation> reserved = new ArrayList<>(3);
        for (Counter counter : countersOf(clientAddress, username, device)) {
            RateLimitDecision decision = failures.acquire(counter.key(), counter.policy(), now);
            if (decision instanceof RateLimitDecision.Refused refused) {
                reserved.forEach(this::release);
                throttled.increment();
                return new LoginResult.Throttled(refused.retryAfter());
            }
            reserved.add(new Reservation(counter, (RateLimitDecision.Allowed) decision));
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
        for (Reservation reservation : reserved) {
            if (reservation.counter().namesTheUser()) {
                failures.clear(reservation.counter().key());
            } else {
                release(reservation);
            }
        }
        return outcome.get();
    }

    /** Logins refused with 429 since the start. */
    long throttled() {
        return throttled.sum();
    }

    /** A name that cannot exist is counted against the address only (and cannot bloat a key). */
    private List<Counter> countersOf(String clientAddress, String username, Optional<DeviceCookie> device) {
        Counter address = new Counter(RateLimitKey.forClientAddress(clientAddress), perAddress, false);
        if (!Username.isValid(username)) {
            return List.of(address);
        }
        Username name = new Username(username);
        Counter fromThisAddress = new Counter(RateLimitKey.forLoginAt(name, clientAddress), perUsername, true);
        Counter fromThisDeviceOrUnknownOnes = device
                .map(known -> new Counter(RateLimitKey.forDevice(known.nonce()), perUsername, true))
                .orElseGet(() -> new Counter(RateLimitKey.forUser(name), perUsername, true));
        return List.of(address, fromThisAddress, fromThisDeviceOrUnknownOnes);
    }

    private void release(Reservation reservation) {
        failures.release(reservation.counter().key(), reservation.grant());
    }

    private void logLimitReached(Reservation reservation) {
        LOG.log(System.Logger.Level.WARNING, "{0} failed logins for {1}; further attempts refused for {2} s",
                reservation.counter().policy().limit(), reservation.counter().key(), reservation.grant().resetSeconds());
    }

    /** One failure count an attempt is held to; {@code namesTheUser}: a success clears it instead of giving its failure back. */
    private record Counter(RateLimitKey key, RateLimit policy, boolean namesTheUser) {}

    private record Reservation(Counter counter, RateLimitDecision.Allowed grant) {}
}
