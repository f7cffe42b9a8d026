package app.ret.adapters.files.workspace;

import static org.assertj.core.api.Assertions.assertThat;

import app.ret.domain.cleanup.RemovedResource;
import app.ret.domain.session.SessionId;
import app.ret.ports.out.Workspace;
import app.ret.ports.out.WorkspaceContract;
import app.ret.ports.out.WorkspaceUsage;
import app.ret.ports.testing.SampleData;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DiskWorkspaceTest extends WorkspaceContract {
    @TempDir
    Path root;

    @Override
    protected Workspace workspace() {
        return new DiskWorkspace(root);
    }

    @Test
    void createMakesInputAndOutputDirectories() {
        DiskWorkspace workspace = new DiskWorkspace(root);
        SessionId id = SampleData.newSessionId();
        workspace.create(id);
        assertThat(root.resolve("sessions").resolve(id.value()).resolve("input")).isDirectory();
        assertThat(root.resolve("sessions").resolve(id.value()).resolve("output")).isDirectory();
        assertThat(root.resolve("sessions").resolve(id.value()).resolve(DiskSessionFiles.INCOMING)).isDirectory();
        assertThat(workspace.exists(id)).isTrue();
    }

    @Test
    void purgeRemovesEverythingAndCountsFilesAndBytes() throws Exception {
        DiskWorkspace workspace = new DiskWorkspace(root);
        SessionId id = SampleData.newSessionId();
        SessionId neighbour = SampleData.newSessionId();
        workspace.create(id);
        workspace.create(neighbour);
        Path input = workspace.directoryOf(id).resolve("input");
        Files.createDirectories(input.resolve("nested"));
        Files.write(input.resolve("a.xml"), new byte[10]);
        Files.write(input.resolve("nested").resolve("b.xml"), new byte[32]);
        Files.write(workspace.directoryOf(neighbour).resolve("input").resolve("keep.xml"), new byte[5]);

        assertThat(workspace.usage(id)).isEqualTo(new WorkspaceUsage(2, 42));
        var report = workspace.purge(id);

        assertThat(report.count(RemovedResource.FILES)).isEqualTo(2);
        assertThat(report.count(RemovedResource.BYTES)).isEqualTo(42);
        assertThat(workspace.directoryOf(id)).doesNotExist();
        assertThat(workspace.usage(neighbour)).isEqualTo(new WorkspaceUsage(1, 5));
    }

    @Test
    void purgeRemovesLinksWithoutFollowingThemOutOfTheWorkspace() throws Exception {
        DiskWorkspace workspace = new DiskWorkspace(root);
        SessionId id = SampleData.newSessionId();
        workspace.create(id);
        Path outside = Files.createDirectories(root.resolve("outside"));
        Path precious = Files.write(outside.resolve("precious.txt"), new byte[100]);
        Path input = workspace.directoryOf(id).resolve("input");
        Files.write(input.resolve("a.xml"), new byte[10]);
        Files.createSymbolicLink(input.resolve("to-file"), precious);
        Files.createSymbolicLink(input.resolve("to-folder"), outside);

        assertThat(workspace.usage(id)).as("links are not counted as files").isEqualTo(new WorkspaceUsage(1, 10));
        var report = workspace.purge(id);

        assertThat(report.count(RemovedResource.FILES)).isEqualTo(1);
        assertThat(report.count(RemovedResource.BYTES)).isEqualTo(10);
        assertThat(workspace.directoryOf(id)).doesNotExist();
        assertThat(precious).hasSize(100);
        assertThat(outside).isDirectory();
    }

    @Test
    void runtimeRootCheckReportsAnUnwritableRoot() throws Exception {
        assertThat(new RuntimeRootCheck(root).problem()).isEmpty();
        Path blocker = root.resolve("not-a-directory");
        Files.writeString(blocker, "x");
        assertThat(new RuntimeRootCheck(blocker).problem()).contains("runtime root is not writable");
    }
}
