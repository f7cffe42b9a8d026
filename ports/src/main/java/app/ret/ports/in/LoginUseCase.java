package app.ret.ports.in;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

public interface LoginUseCase {
    LoginResult login(LoginCommand command);

    /**
     * {@code clientAddress} is the caller's address as the HTTP edge resolved it; failed logins count
     * against it. {@code deviceCookie} is the device cookie the client presented, if any (see
     * {@link LoginResult.LoggedIn#deviceCookie}).
     */
    record LoginCommand(String username, char[] password, String clientAddress, Optional<String> deviceCookie) {
        public LoginCommand {
            Objects.requireNonNull(deviceCookie, "deviceCookie");
        }

        /** A client without a device cookie. */
        public LoginCommand(String username, char[] password, String clientAddress) {
            this(username, password, clientAddress, Optional.empty());
        }

        @Override
        public String toString() {
            return "LoginCommand[username=" + username + ", clientAddress=" + clientAddress + "]";
        }
    }

    sealed interface LoginResult {
        /**
         * A new session. {@code deviceCookie} is a fresh device cookie for the client to keep (it
         * exempts the client from the lock on this username that failures from elsewhere set);
         * {@code endedSessions} are the user's oldest sessions this login ended to stay within the
         * sessions allowed per user.
         */
        record LoggedIn(TokenGrant grant, DeviceCookieGrant deviceCookie, List<SessionEnded> endedSessions) implements LoginResult {
            public LoggedIn {
                Objects.requireNonNull(grant, "grant");
                Objects.requireNonNull(deviceCookie, "deviceCookie");
                endedSessions = List.copyOf(endedSessions);
            }
        }

        /** Unknown user, wrong password and disabled user look the same to the caller. */
        record Rejected() implements LoginResult {}

        /** Too many failed logins for the username (from this address, or from devices it never logged in on), or every password check busy; no password was checked. */
        record Throttled(Duration retryAfter) implements LoginResult {}
    }

    record DeviceCookieGrant(String value, Duration lifetime) {
        @Override
        public String toString() {
            return "DeviceCookieGrant[" + lifetime + "]";
        }
    }
}
