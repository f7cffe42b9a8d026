package app.ret.adapters.files.workspace;

import static org.assertj.core.api.Assertions.assertThat;

import app.ret.domain.cleanup.RemovedResource;
import app.ret.domain.session.SessionId;
import app.ret.ports.out.Workspace;
import app.ret.ports.out.WorkspaceContract;
import app.ret.ports.out.WorkspaceUsage;
import app.ret.ports.testing.SampleData;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DiskWorkspaceTest extends WorkspaceContract {
    @TempDir
    Path root;

    @Override
    protected Workspace workspace() {
        return new DiskWorkspace(root);
    }

    /** Quotas on a runtime root two instances share: what one stored counts in the other's usage of the session. */
    @Test
    void onASharedRootAnotherInstancesFilesCount() throws Exception {
        DiskWorkspace here = DiskWorkspace.onSharedRoot(root, Runnable::run);
        DiskWorkspace there = DiskWorkspace.onSharedRoot(root, Runnable::run);
        SessionId id = SampleData.newSessionId();
        here.create(id);
        assertThat(here.usage(id)).isEqualTo(WorkspaceUsage.NONE);

        Files.write(there.directoryOf(id).resolve("input").resolve("a.xml"), new byte[10]);

        assertThat(here.usage(id)).isEqualTo(new WorkspaceUsage(1, 10));
        assertThat(here.purge(id).count(RemovedResource.BYTES)).isEqualTo(10);
    }

    /**
     * A login's create racing a racing login's ending of the same session: the purge takes either
     * nothing or the whole area, never half of it, and the create never fails for it.
     */
    @Test
    void aCreateRacingAPurgeOfTheSameSessionHappensWhollyBeforeOrAfterIt() throws Exception {
        DiskWorkspace workspace = new DiskWorkspace(root);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 300; round++) {
                SessionId id = SampleData.newSessionId();
                CountDownLatch start = new CountDownLatch(1);
                Future<?> create = pool.submit(() -> {
                    start.await();
                    workspace.create(id);
                    return null;
                });
                Future<?> purge = pool.submit(() -> {
                    start.await();
                    return workspace.purge(id);
                });
                start.countDown();
                create.get(10, TimeUnit.SECONDS);
                purge.get(10, TimeUnit.SECONDS);

                Path area = workspace.directoryOf(id);
                if (Files.exists(area)) {
                    assertThat(List.of(area.resolve("input"), area.resolve("output"), area.resolve(DiskSessionFiles.INCOMING)))
                            .allMatch(Files::isDirectory);
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** Logouts one after another, each purge's emptying of the trash running in the background meanwhile. */
    @Test
    void purgesNeverFailWhileTheTrashIsBeingEmptied() {
        ExecutorService background = Executors.newSingleThreadExecutor();
        try {
            DiskWorkspace workspace = new DiskWorkspace(root, background);
            for (int round = 0; round < 500; round++) {
                SessionId id = SampleData.newSessionId();
                workspace.create(id);
                workspace.purge(id);
                assertThat(workspace.exists(id)).isFalse();
            }
        } finally {
            background.shutdownNow();
        }
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
    void aPurgeMakesTheWorkspaceUnreachableAtOnceAndTheBackgroundStepLeavesNothingOnDisk() throws Exception {
        List<Runnable> background = new ArrayList<>();
        DiskWorkspace workspace = new DiskWorkspace(root, background::add);
        SessionId id = SampleData.newSessionId();
        workspace.create(id);
        Files.write(workspace.directoryOf(id).resolve("input").resolve("a.xml"), new byte[7]);

        var report = workspace.purge(id);

        assertThat(report.count(RemovedResource.FILES)).isEqualTo(1);
        assertThat(report.count(RemovedResource.BYTES)).isEqualTo(7);
        assertThat(workspace.exists(id)).isFalse();
        assertThat(workspace.usage(id)).isEqualTo(WorkspaceUsage.NONE);
        assertThat(pathsNaming(id)).as("still in the trash until the background step").isNotEmpty();
        assertThat(background).hasSize(1);

        background.get(0).run();

        assertThat(pathsNaming(id)).isEmpty();
        assertThat(root.resolve("trash")).isEmptyDirectory();
    }

    @Test
    void aTrashACrashLeftBehindIsEmptiedByTheNextStart() throws Exception {
        DiskWorkspace crashed = new DiskWorkspace(root, neverRun -> { });
        SessionId id = SampleData.newSessionId();
        crashed.create(id);
        Files.write(crashed.directoryOf(id).resolve("output").resolve("a.csv"), new byte[3]);
        crashed.purge(id);
        assertThat(pathsNaming(id)).isNotEmpty();

        new DiskWorkspace(root).emptyTrash();

        assertThat(pathsNaming(id)).isEmpty();
    }

    @Test
    void aSessionPurgedTwiceBeforeTheTrashIsEmptiedKeepsBothInTheTrash() {
        List<Runnable> background = new ArrayList<>();
        DiskWorkspace workspace = new DiskWorkspace(root, background::add);
        SessionId id = SampleData.newSessionId();
        workspace.create(id);
        workspace.purge(id);
        workspace.create(id);
        workspace.purge(id);

        assertThat(workspace.exists(id)).isFalse();
        background.forEach(Runnable::run);
        assertThat(pathsNaming(id)).isEmpty();
    }

    private List<Path> pathsNaming(SessionId id) {
        try (Stream<Path> all = Files.walk(root)) {
            return all.filter(path -> path.toString().contains(id.value())).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
        assertThat(new RuntimeRootCheck(root, 0).problem()).isEmpty();
        Path blocker = root.resolve("not-a-directory");
        Files.writeString(blocker, "x");
        assertThat(new RuntimeRootCheck(blocker, 0).problem()).contains("runtime root is not writable");
    }

    @Test
    void runtimeRootCheckReportsFreeSpaceBelowTheThreshold() throws Exception {
        long free = Files.getFileStore(root).getUsableSpace();
        long mib = 1024L * 1024L;
        long aboveWhatIsFree = (free / mib + 1024) * mib;

        assertThat(new RuntimeRootCheck(root, aboveWhatIsFree).problem()).hasValueSatisfying(problem ->
                assertThat(problem).matches("free space \\d+ MiB is below the " + aboveWhatIsFree / mib + " MiB required"));
        assertThat(new RuntimeRootCheck(root, mib).problem()).isEmpty();
    }

    @Test
    void sessionFoldersAndTheTrashAreTheOwnersOnly() {
        DiskWorkspace workspace = new DiskWorkspace(root);
        SessionId ended = SampleData.newSessionId();
        SessionId kept = SampleData.newSessionId();
        workspace.create(ended);
        workspace.create(kept);
        workspace.purge(ended);

        for (Path folder : List.of(root.resolve("sessions"), root.resolve("trash"), workspace.directoryOf(kept),
                workspace.directoryOf(kept).resolve("input"), workspace.directoryOf(kept).resolve("output"))) {
            assertThat(modeOf(folder)).as(folder.toString()).isEqualTo("rwx------");
        }
    }

    private static String modeOf(Path path) {
        try {
            return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
