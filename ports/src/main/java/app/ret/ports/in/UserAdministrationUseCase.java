package app.ret.ports.in;

import app.ret.domain.user.Role;
import app.ret.domain.user.User;
import java.util.List;
import java.util.Optional;

public interface UserAdministrationUseCase {
    AddUserResult addUser(String username, Role role, char[] password);

    List<User> listUsers();

    /** The user of this name; empty when there is none (or the name is not a valid one). */
    Optional<User> user(String username);

    /** Disables the user and ends their sessions; false when there is no such user. */
    boolean disableUser(String username);

    /** Lets a disabled user log in again; false when there is no such user. */
    boolean enableUser(String username);

    /** Sets the user's password and ends their sessions (whoever holds them must log in with the new one). */
    PasswordChange setPassword(String username, char[] password);

    /**
     * Ends every session of the user with the full cleanup (their files, state, jobs and conversion
     * results go) and removes the user; a login racing the deletion is refused or ended too.
     */
    UserDeletion deleteUser(String username);

    /**
     * With no users at all, creates {@code admin}: with the given password, or a generated one
     * that is returned so it can be shown once. Empty when users already exist.
     */
    Optional<InitialAdmin> ensureInitialAdmin(Optional<String> password);

    record InitialAdmin(String username, Optional<String> generatedPassword) {
        @Override
        public String toString() {
            return "InitialAdmin[" + username + "]";
        }
    }

    sealed interface PasswordChange {
        record Changed() implements PasswordChange {}

        record Invalid(String reason) implements PasswordChange {}

        record NoSuchUser() implements PasswordChange {}
    }

    sealed interface UserDeletion {
        /** {@code endedSessions}: what each of the user's sessions removed as it ended. */
        record Deleted(List<SessionEnded> endedSessions) implements UserDeletion {
            public Deleted {
                endedSessions = List.copyOf(endedSessions);
            }
        }

        record NoSuchUser() implements UserDeletion {}

        /** The only admin who can log in: deleting them would leave nobody to administer RET. */
        record LastAdmin() implements UserDeletion {}
    }

    sealed interface AddUserResult {
        record Added(User user) implements AddUserResult {}

        record Invalid(String reason) implements AddUserResult {}

        record AlreadyExists() implements AddUserResult {}
    }
}
