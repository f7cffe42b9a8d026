package app.ret.ports.out;

import app.ret.domain.user.User;
import app.ret.domain.user.Username;
import java.util.List;
import java.util.Optional;

public interface UserStore {
    /** Adds a user; false when the name is taken. */
    boolean insert(User user);

    /** Replaces the stored user of the same name; false when there is none. */
    boolean update(User user);

    Optional<User> find(Username username);

    /** Removes the user of this name; false when there is none. Their sessions are the caller's to end first. */
    boolean delete(Username username);

    /** Every user, sorted by name. */
    List<User> list();

    long count();
}
