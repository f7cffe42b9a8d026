package app.ret.domain.session;

import app.ret.domain.user.Role;
import app.ret.domain.user.Username;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** A login: who, since when, last seen when, and whether it is still serving. */
public record Session(
        SessionId id,
        Username username,
        Role role,
        Instant createdAt,
        Instant lastSeenAt,
        SessionTimeouts timeouts,
        SessionStatus status,
        Optional<EndReason> endReason) {

    public Session {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(lastSeenAt, "lastSeenAt");
        Objects.requireNonNull(timeouts, "timeouts");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(endReason, "endReason");
        if (lastSeenAt.isBefore(createdAt)) {
            throw new IllegalArgumentException("a session cannot be seen before it was created");
        }
        if ((status == SessionStatus.ENDING) != endReason.isPresent()) {
            throw new IllegalArgumentException("an ending session, and only an ending one, has an end reason");
        }
    }

    public static Session start(SessionId id, Username username, Role role, Instant now, SessionTimeouts timeouts) {
        return new Session(id, username, role, now, now, timeouts, SessionStatus.ACTIVE, Optional.empty());
    }

    public Instant idleExpiresAt() {
        Instant idle = lastSeenAt.plus(timeouts.idle());
        return idle.isBefore(absoluteExpiresAt()) ? idle : absoluteExpiresAt();
    }

    public Instant absoluteExpiresAt() {
        return createdAt.plus(timeouts.absolute());
    }

    public boolean isActive() {
        return status == SessionStatus.ACTIVE;
    }

    /** Why this session must end at {@code now}, if it must; expiry is exact: at the instant it is over. */
    public Optional<EndReason> expiryAt(Instant now) {
        if (!now.isBefore(absoluteExpiresAt())) {
            return Optional.of(EndReason.ABSOLUTE_TIMEOUT);
        }
        if (!now.isBefore(lastSeenAt.plus(timeouts.idle()))) {
            return Optional.of(EndReason.IDLE_TIMEOUT);
        }
        return Optional.empty();
    }

    public boolean needsTouch(Instant now) {
        return !now.isBefore(lastSeenAt.plus(timeouts.touchGranularity()));
    }

    public Session seenAt(Instant now) {
        Instant later = now.isAfter(lastSeenAt) ? now : lastSeenAt;
        return new Session(id, username, role, createdAt, later, timeouts, status, endReason);
    }

    public Session ending(EndReason reason) {
        return new Session(id, username, role, createdAt, lastSeenAt, timeouts, SessionStatus.ENDING, Optional.of(reason));
    }
}
