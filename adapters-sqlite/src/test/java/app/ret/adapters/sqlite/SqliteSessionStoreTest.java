package app.ret.adapters.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import app.ret.domain.session.Session;
import app.ret.domain.token.RefreshToken;
import app.ret.domain.token.RefreshTokenStatus;
import app.ret.ports.out.SessionStore;
import app.ret.ports.out.SessionStoreContract;
import app.ret.ports.testing.ReopenableStore;
import app.ret.ports.testing.SampleData;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class SqliteSessionStoreTest extends SessionStoreContract {
    @TempDir
    Path directory;

    @RegisterExtension
    final ReopenableStore<SqliteDatabase, SessionStore> database = TemporaryDatabase.in(() -> directory, SqliteSessionStore::new);

    @Override
    protected SessionStore store() {
        return database.store();
    }

    @Override
    protected SessionStore reopened() {
        return database.reopened();
    }

    /** P8: an ending's last writes (tokens revoked, session removed) reach the file as one commit, so one flush. */
    @Test
    void revokingTheTokensAndRemovingTheSessionInOneTransactionAreCommittedTogether() {
        SqliteRefreshTokenStore tokens = new SqliteRefreshTokenStore(database.database());
        Session session = SampleData.session("alice", T0);
        store().insert(session);
        tokens.insert(new RefreshToken("hash", session.id(), T0, T0.plusSeconds(600), RefreshTokenStatus.ACTIVE, Optional.empty()));

        Optional<Session> seenWhileWorking = store().inOneTransaction(() -> {
            tokens.revokeAll(session.id());
            store().delete(session.id());
            return store().find(session.id());
        });

        assertThat(seenWhileWorking).as("nothing is committed before the work returns").isPresent();
        assertThat(store().find(session.id())).isEmpty();
        assertThat(tokens.find("hash")).isEmpty();
    }
}
