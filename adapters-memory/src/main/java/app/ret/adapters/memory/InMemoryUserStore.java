package app.ret.adapters.memory;

import app.ret.domain.user.User;
import app.ret.domain.user.Username;
import app.ret.ports.out.UserStore;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

public final class InMemoryUserStore implements UserStore {
    private final ConcurrentMap<Username, User> users = new ConcurrentHashMap<>();

    @Override
    public boolean insert(User user) {
        return users.putIfAbsent(user.username(), user) == null;
    }

    @Override
    public boolean update(User user) {
        return users.replace(user.username(), user) != null;
    }

    @Override
    public Optional<User> find(Username username) {
        return Optional.ofNullable(users.get(username));
    }

    @Override
    public boolean delete(Username username) {
        return users.remove(username) != null;
    }

    @Override
    public List<User> list() {
        return users.values().stream().sorted((a, b) -> a.username().compareTo(b.username())).toList();
    }

    @Override
    public long count() {
        return users.size();
    }
}
