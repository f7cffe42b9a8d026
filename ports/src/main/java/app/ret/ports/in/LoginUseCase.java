package app.ret.ports.in;

public interface LoginUseCase {
    LoginResult login(LoginCommand command);

    record LoginCommand(String username, char[] password) {
        @Override
        public String toString() {
            return "LoginCommand[username=" + username + "]";
        }
    }

    sealed interface LoginResult {
        record LoggedIn(TokenGrant grant) implements LoginResult {}

        /** Unknown user, wrong password and disabled user look the same to the caller. */
        record Rejected() implements LoginResult {}
    }
}
