package app.ret.ports.out;

import static org.assertj.core.api.Assertions.assertThat;

import app.ret.domain.user.PasswordHash;
import app.ret.domain.user.Role;
import app.ret.domain.user.User;
import app.ret.domain.user.Username;
import app.ret.ports.testing.SampleData;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What every {@link UserStore} must do; adapters extend this with their own store. */
public abstract class UserStoreContract {
    protected static final Instant T0 = Instant.parse("2026-11-25T12:00:00Z");

    protected abstract UserStore store();

    /** The same data seen through a freshly opened store (a restart); memory stores return themselves. */
    protected abstract UserStore reopened();

    @Test
    void insertThenFindRoundTrips() {
        User alice = SampleData.user("alice", Role.ADMIN, T0);
        assertThat(store().insert(alice)).isTrue();
        assertThat(store().find(new Username("alice"))).contains(alice);
    }

    @Test
    void absentUserIsEmpty() {
        assertThat(store().find(new Username("nobody"))).isEmpty();
        assertThat(store().count()).isZero();
    }

    @Test
    void insertRefusesATakenName() {
        store().insert(SampleData.user("bob", Role.USER, T0));
        assertThat(store().insert(SampleData.user("bob", Role.ADMIN, T0))).isFalse();
        assertThat(store().find(new Username("bob")).orElseThrow().role()).isEqualTo(Role.USER);
    }

    @Test
    void namesAreCaseSensitive() {
        store().insert(SampleData.user("Carol", Role.USER, T0));
        assertThat(store().find(new Username("carol"))).isEmpty();
    }

    @Test
    void updateReplacesHashAndDisabledFlag() {
        User dave = SampleData.user("dave", Role.USER, T0);
        store().insert(dave);
        User changed = dave.withPasswordHash(new PasswordHash("pbkdf2-sha256$2000$bmV3$bmV3", 2000)).disable();
        assertThat(store().update(changed)).isTrue();
        assertThat(store().find(new Username("dave"))).contains(changed);
    }

    @Test
    void updateOfUnknownUserChangesNothing() {
        assertThat(store().update(SampleData.user("ghost", Role.USER, T0))).isFalse();
        assertThat(store().count()).isZero();
    }

    @Test
    void deleteRemovesThatUserOnlyAndFreesTheName() {
        store().insert(SampleData.user("dave", Role.USER, T0));
        store().insert(SampleData.user("Dave", Role.ADMIN, T0));

        assertThat(store().delete(new Username("dave"))).isTrue();

        assertThat(store().find(new Username("dave"))).isEmpty();
        assertThat(reopened().find(new Username("dave"))).isEmpty();
        assertThat(store().list()).extracting(user -> user.username().value()).containsExactly("Dave");
        assertThat(store().delete(new Username("dave"))).isFalse();
        assertThat(store().insert(SampleData.user("dave", Role.USER, T0.plusSeconds(1)))).isTrue();
    }

    @Test
    void deletingAnUnknownUserChangesNothing() {
        store().insert(SampleData.user("erin", Role.USER, T0));
        assertThat(store().delete(new Username("ghost"))).isFalse();
        assertThat(store().count()).isEqualTo(1);
    }

    @Test
    void listIsSortedByName() {
        store().insert(SampleData.user("zed", Role.USER, T0));
        store().insert(SampleData.user("amy", Role.USER, T0));
        store().insert(SampleData.user("max", Role.ADMIN, T0));
        assertThat(store().list()).extracting(user -> user.username().value()).containsExactly("amy", "max", "zed");
        assertThat(store().count()).isEqualTo(3);
    }

    /** Byte order, as Java sorts: a database sorting by a locale's collation would interleave the cases. */
    @Test
    void listIsInByteOrderUpperCaseFirst() {
        for (String name : List.of("bob", "Alice", "alice", "Bob", "_x", "1a")) {
            store().insert(SampleData.user(name, Role.USER, T0));
        }
        assertThat(store().list()).extracting(user -> user.username().value()).containsExactly("1a", "Alice", "Bob", "_x", "alice", "bob");
    }

    @Test
    void usersSurviveReopening() {
        User erin = SampleData.user("erin", Role.ADMIN, T0);
        store().insert(erin);
        assertThat(reopened().find(new Username("erin"))).contains(erin);
    }
}
