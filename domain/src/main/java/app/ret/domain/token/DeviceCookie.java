package app.ret.domain.token;

import app.ret.domain.user.Username;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * What a device cookie asserts (OWASP "device cookies"): this browser logged in successfully as
 * {@code username} at {@code issuedAt}. A login presenting a valid one for the name it tries is
 * exempt from that name's lock against unknown devices; its own failures are counted under its
 * {@code nonce}, so a stolen cookie buys no more guesses than one device has.
 */
public record DeviceCookie(Username username, String nonce, Instant issuedAt) {
    /** Renewed by every successful login, so only a device unused for this long loses its standing. */
    public static final Duration LIFETIME = Duration.ofDays(90);

    public DeviceCookie {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(issuedAt, "issuedAt");
        if (nonce == null || !nonce.matches("[0-9a-f]{32}")) {
            throw new IllegalArgumentException("a device nonce is 32 lower-case hex digits");
        }
    }

    /** True when it speaks for {@code name} at {@code now}: issued for that name, not in the future, not older than its lifetime. */
    public boolean vouchesFor(Username name, Instant now) {
        return username.equals(name)
                && !issuedAt.minus(AccessClaims.CLOCK_SKEW).isAfter(now)
                && now.isBefore(issuedAt.plus(LIFETIME));
    }
}
