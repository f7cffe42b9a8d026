package app.ret.ports.in;

import java.time.Duration;

public interface LoginUseCase {
    LoginResult login(LoginCommand command);

    /** {@code clientAddress} is the caller's address as the HTTP edge resolved it; failed logins count against it. */
    record LoginCommand(String username, char[] password, String clientAddress) {
        @Override
        public String toString() {
            return "LoginCommand[username=" + username + ", clientAddress=" + clientAddress + "]";
        }
    }

    sealed interface LoginResult {
        record LoggedIn(TokenGrant grant) implements LoginResult {}

        /** Unknown user, wrong password and disabled user look the same to the caller. */
        record Rejected() implements LoginResult {}

        /** Too many failed logins for the address or the username, or every password check busy; no password was checked. */
        record Throttled(Duration retryAfter) implements LoginResult {}
    }
}
