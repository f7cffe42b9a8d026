package app.ret.domain.session;

/**
 * An ACTIVE session serves requests. An ENDING one has been ended (its tokens are refused) but
 * its resources may not all be removed yet: a crash at that point is finished at the next start.
 */
public enum SessionStatus {
    ACTIVE,
    ENDING
}
