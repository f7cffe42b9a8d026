package app.ret.ports.testing;

import app.ret.domain.session.Session;
import app.ret.domain.session.SessionId;
import app.ret.domain.session.SessionTimeouts;
import app.ret.domain.user.PasswordHash;
import app.ret.domain.user.Role;
import app.ret.domain.user.User;
import app.ret.domain.user.Username;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicLong;

/** Valid domain values for contract suites. */
public final class SampleData {
    public static final SessionTimeouts TIMEOUTS = new SessionTimeouts(Duration.ofMinutes(60), Duration.ofHours(12));
    private static final AtomicLong SEQUENCE = new AtomicLong();

    private SampleData() {}

    public static SessionId newSessionId() {
        byte[] bytes = new byte[SessionId.RANDOM_BYTES];
        long next = SEQUENCE.incrementAndGet() ^ System.nanoTime();
        for (int i = 0; i < 8; i++) {
            bytes[i] = (byte) (next >>> (8 * i));
        }
        bytes[15] = (byte) SEQUENCE.get();
        return new SessionId(HexFormat.of().formatHex(bytes));
    }

    public static User user(String name, Role role, Instant createdAt) {
        return new User(new Username(name), role, new PasswordHash("pbkdf2-sha256$1000$c2FsdA$aGFzaA", 1000), false, createdAt);
    }

    public static Session session(String username, Instant startedAt) {
        return Session.start(newSessionId(), new Username(username), Role.USER, startedAt, TIMEOUTS);
    }
}
