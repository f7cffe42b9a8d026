package app.ret.domain.user;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class UserValuesTest {
    private static final PasswordHash HASH = new PasswordHash("pbkdf2-sha256$1000$salt$hash", 1000);
    private static final User ALICE = new User(new Username("alice"), Role.USER, HASH, false, Instant.parse("2026-01-01T00:00:00Z"));

    @Test
    void aHashMadeWithFewerIterationsThanWantedIsWeaker() {
        assertThat(HASH.weakerThan(1001)).isTrue();
        assertThat(HASH.weakerThan(1000)).isFalse();
        assertThat(HASH.weakerThan(999)).isFalse();
    }

    @Test
    void aHashNeedsItsTextAndAtLeastOneIteration() {
        assertThat(new PasswordHash("x", 1).iterations()).isEqualTo(1);
        assertThatThrownBy(() -> new PasswordHash("x", 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PasswordHash(" ", 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PasswordHash(null, 1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aHashNeverShowsItselfInLogs() {
        assertThat(HASH.toString()).isEqualTo("PasswordHash[iterations=1000]").doesNotContain("salt");
    }

    @Test
    void disablingEnablingAndRehashingChangeOnlyWhatTheySay() {
        User disabled = ALICE.disable();
        assertThat(disabled.disabled()).isTrue();
        assertThat(disabled.enable()).isEqualTo(ALICE);
        PasswordHash stronger = new PasswordHash("pbkdf2-sha256$2000$salt$hash", 2000);
        assertThat(ALICE.withPasswordHash(stronger)).isEqualTo(new User(ALICE.username(), Role.USER, stronger, false, ALICE.createdAt()));
    }

    @Test
    void onlyTheAdminRoleIsAdmin() {
        assertThat(ALICE.isAdmin()).isFalse();
        assertThat(new User(new Username("root"), Role.ADMIN, HASH, false, ALICE.createdAt()).isAdmin()).isTrue();
    }

    @Test
    void rolesTravelByTheirWireNames() {
        assertThat(Role.ADMIN.wireName()).isEqualTo("admin");
        assertThat(Role.fromWireName("user")).isEqualTo(Role.USER);
        assertThat(Role.fromWireName("admin")).isEqualTo(Role.ADMIN);
        assertThatThrownBy(() -> Role.fromWireName("ADMIN")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void usernamesSortByTheirText() {
        List<Username> names = new ArrayList<>(List.of(new Username("carol"), new Username("Bob"), new Username("alice")));
        Collections.sort(names);
        assertThat(names).extracting(Username::toString).containsExactly("Bob", "alice", "carol");
        assertThat(Username.isValid("a".repeat(64))).isTrue();
        assertThat(Username.isValid("a".repeat(65))).isFalse();
        assertThat(Username.isValid(null)).isFalse();
    }
}
