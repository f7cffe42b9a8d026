package app.ret.domain.session;

import java.util.Locale;

public enum EndReason {
    LOGOUT,
    IDLE_TIMEOUT,
    ABSOLUTE_TIMEOUT,
    ADMIN,
    REFRESH_REUSE,
    USER_DISABLED,
    PASSWORD_RESET,
    /** The login that started it failed part-way (a full disk): nobody ever held its tokens. */
    INCOMPLETE_LOGIN,
    /** The user logged in once more than {@code MAX_SESSIONS_PER_USER} allows: their oldest session ends. */
    SESSION_LIMIT,
    /** The user was deleted. */
    USER_DELETED;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static EndReason fromWireName(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }
}
