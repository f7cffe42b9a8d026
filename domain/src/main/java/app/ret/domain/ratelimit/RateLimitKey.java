package app.ret.domain.ratelimit;

import app.ret.domain.user.Username;

/** Whose requests count together: {@code user:<name>} for an authenticated caller, else {@code ip:<address>}. */
public record RateLimitKey(String value) {
    /** Longer than any user key and any textual IPv6 address with a zone. */
    public static final int MAX_LENGTH = 128;

    public RateLimitKey {
        if (value == null || value.isBlank() || value.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("a rate-limit key must be 1-" + MAX_LENGTH + " characters");
        }
    }

    public static RateLimitKey forUser(Username username) {
        return new RateLimitKey("user:" + username.value());
    }

    public static RateLimitKey forClientAddress(String address) {
        if (address == null || address.isBlank()) {
            throw new IllegalArgumentException("a client address must not be blank");
        }
        return new RateLimitKey("ip:" + address);
    }

    @Override
    public String toString() {
        return value;
    }
}
