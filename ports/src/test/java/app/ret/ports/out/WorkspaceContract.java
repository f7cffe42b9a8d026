package app.ret.ports.out;

import static org.assertj.core.api.Assertions.assertThat;

import app.ret.domain.cleanup.RemovedResource;
import app.ret.domain.session.SessionId;
import app.ret.ports.testing.SampleData;
import org.junit.jupiter.api.Test;

/** What every {@link Workspace} must do; adapters extend this. */
public abstract class WorkspaceContract {
    protected abstract Workspace workspace();

    @Test
    void aCreatedWorkspaceExistsAndStartsEmpty() {
        SessionId session = SampleData.newSessionId();
        assertThat(workspace().exists(session)).isFalse();
        workspace().create(session);
        assertThat(workspace().exists(session)).isTrue();
        assertThat(workspace().usage(session)).isEqualTo(WorkspaceUsage.NONE);
    }

    @Test
    void creatingTwiceKeepsOneWorkspace() {
        SessionId session = SampleData.newSessionId();
        workspace().create(session);
        workspace().create(session);
        assertThat(workspace().exists(session)).isTrue();
    }

    @Test
    void purgeRemovesTheWorkspaceAndIsIdempotent() {
        SessionId session = SampleData.newSessionId();
        SessionId neighbour = SampleData.newSessionId();
        workspace().create(session);
        workspace().create(neighbour);

        assertThat(workspace().purge(session).count(RemovedResource.FILES)).isZero();
        assertThat(workspace().exists(session)).isFalse();
        assertThat(workspace().purge(session).count(RemovedResource.BYTES)).isZero();
        assertThat(workspace().exists(neighbour)).isTrue();
        assertThat(workspace().resourceName()).isEqualTo("workspace");
    }

    @Test
    void anUnknownSessionHasNoUsage() {
        assertThat(workspace().usage(SampleData.newSessionId())).isEqualTo(WorkspaceUsage.NONE);
    }
}
