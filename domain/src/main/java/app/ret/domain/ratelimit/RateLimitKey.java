package app.ret.domain.ratelimit;

import app.ret.domain.user.Username;

/**
 * Whose requests count together: {@code user:<name>} for an authenticated caller (or, among failed
 * logins, for a username tried from devices that never logged in as it), {@code ip:<address>} for
 * a client address, {@code login:<name>@<address>} for one username tried from one address, and
 * {@code device:<nonce>} for one device cookie.
 */
public record RateLimitKey(String value) {
    /** Longer than any textual IPv6 address with a zone. */
    public static final int MAX_ADDRESS_LENGTH = 125;
    /** Room for a username (at most 64 characters) with an address. */
    public static final int MAX_LENGTH = 200;

    public RateLimitKey {
        if (value == null || value.isBlank() || value.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("a rate-limit key must be 1-" + MAX_LENGTH + " characters");
        }
    }

    public static RateLimitKey forUser(Username username) {
        return new RateLimitKey("user:" + username.value());
    }

    public static RateLimitKey forClientAddress(String address) {
        return new RateLimitKey("ip:" + checkedAddress(address));
    }

    /** One username tried from one client address. */
    public static RateLimitKey forLoginAt(Username username, String address) {
        return new RateLimitKey("login:" + username.value() + "@" + checkedAddress(address));
    }

    /** The logins of one device cookie (its nonce). */
    public static RateLimitKey forDevice(String nonce) {
        return new RateLimitKey("device:" + nonce);
    }

    private static String checkedAddress(String address) {
        if (address == null || address.isBlank() || address.length() > MAX_ADDRESS_LENGTH) {
            throw new IllegalArgumentException("a client address must be 1-" + MAX_ADDRESS_LENGTH + " characters");
        }
        return address;
    }

    @Override
    public String toString() {
        return value;
    }
}
