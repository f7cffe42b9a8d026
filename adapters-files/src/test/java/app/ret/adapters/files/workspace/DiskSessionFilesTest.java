package app.ret.adapters.files.workspace;

import static org.assertj.core.api.Assertions.assertThat;

import app.ret.domain.cleanup.RemovedResource;
import app.ret.domain.files.ArchiveLimits;
import app.ret.domain.files.UploadOutcome;
import app.ret.domain.files.UploadRefusal;
import app.ret.domain.files.WorkspacePath;
import app.ret.domain.session.SessionId;
import app.ret.ports.out.SessionFiles;
import app.ret.ports.out.SessionFilesContract;
import app.ret.ports.out.WorkspaceUsage;
import app.ret.ports.testing.SampleData;
import app.ret.ports.testing.DirectorySnapshot;
import app.ret.ports.testing.SharedSamples;
import app.ret.ports.testing.TestZips;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The contract on real files, plus what only the disk shows: a refused upload changes nothing
 * anywhere under the runtime root, and links planted in a workspace are never followed.
 */
class DiskSessionFilesTest extends SessionFilesContract {
    @TempDir
    Path root;

    private DiskWorkspace workspace;
    private DiskSessionFiles files;

    @BeforeEach
    void open() {
        workspace = new DiskWorkspace(root);
        files = new DiskSessionFiles(workspace);
    }

    @Override
    protected SessionFiles files() {
        return files;
    }

    @Override
    protected SessionId newSession() {
        SessionId session = SampleData.newSessionId();
        workspace.create(session);
        return session;
    }

    @Override
    protected void removeWorkspace(SessionId session) {
        workspace.purge(session);
    }

    @Override
    protected String assertRefusedLeavingNothing(SessionId session, byte[] zip, ArchiveLimits limits, UploadRefusal expected)
            throws IOException {
        Map<String, Long> before = DirectorySnapshot.of(root);
        String detail = super.assertRefusedLeavingNothing(session, zip, limits, expected);
        assertThat(DirectorySnapshot.of(root)).as("every folder and file under the runtime root").isEqualTo(before);
        return detail;
    }

    @Test
    void aStoredUploadIsARegularFileAndNoSpoolIsLeft() throws IOException {
        SessionId session = newSession();
        store(session, bytes("<a/>"), "input/a.xml", NO_QUOTA);
        Path directory = workspace.directoryOf(session);
        assertThat(directory.resolve("input/a.xml")).isRegularFile().hasContent("<a/>");
        try (Stream<Path> incoming = Files.list(directory.resolve(DiskSessionFiles.INCOMING))) {
            assertThat(incoming).isEmpty();
        }
    }

    @Test
    void theAccountingFollowsEveryStoreReplaceUnpackAndDeleteAsTheDiskShowsThem() throws IOException {
        SessionId session = newSession();
        assertThat(workspace.usage(session)).isEqualTo(WorkspaceUsage.NONE);
        store(session, bytes("<a/>"), "input/a.xml", NO_QUOTA);
        store(session, bytes("<bb/>"), "input/deep/b.xml", NO_QUOTA);
        store(session, bytes("<longer/>"), "input/a.xml", NO_QUOTA);
        assertAccountedAsOnDisk(session, 2);
        unpack(session, TestZips.zip().entry("x.xml", "<x/>").entry("y/z.xml", "<z/>").bytes(), "input/pack", LIMITS, NO_QUOTA);
        unpack(session, TestZips.zip().entry("only.xml", "<only/>").bytes(), "input/pack", LIMITS, NO_QUOTA);
        assertAccountedAsOnDisk(session, 3);
        files.delete(session, WorkspacePath.parse("input/deep/b.xml").orElseThrow());
        assertAccountedAsOnDisk(session, 2);

        var report = workspace.purge(session);

        assertThat(report.count(RemovedResource.FILES)).isEqualTo(2);
        assertThat(report.count(RemovedResource.BYTES)).isEqualTo("<longer/>".length() + "<only/>".length());
    }

    private void assertAccountedAsOnDisk(SessionId session, long files) {
        WorkspaceUsage onDisk = new DiskWorkspace(root).usage(session);
        assertThat(onDisk.files()).isEqualTo(files);
        assertThat(workspace.usage(session)).isEqualTo(onDisk);
    }

    @Test
    void aSymbolicLinkInTheWorkspaceIsNeverFollowed() throws IOException {
        SessionId session = newSession();
        SessionId victim = newSession();
        store(victim, bytes("<secret/>"), "input/secret.xml", NO_QUOTA);
        Path input = workspace.directoryOf(session).resolve("input");
        Files.createSymbolicLink(input.resolve("link.xml"), workspace.directoryOf(victim).resolve("input/secret.xml"));
        Files.createSymbolicLink(input.resolve("folder"), workspace.directoryOf(victim).resolve("input"));

        assertThat(files.open(session, path("input/link.xml"))).isEmpty();
        assertThat(files.open(session, path("input/folder/secret.xml"))).isEmpty();
        assertThat(files.list(session)).isEmpty();
        assertThat(exportedNames(session, app.ret.domain.files.PathPrefix.EVERYTHING)).isEmpty();
        assertThat(files.delete(session, path("input/folder/secret.xml"))).isFalse();
        assertThat(paths(victim)).containsExactly("input/secret.xml");
    }

    @Test
    void aPurgeWinsOverAnUploadStillUnderWay() throws IOException {
        SessionId session = newSession();
        try (SessionFiles.Spool spool = spooled(session, bytes("<late/>"), 100);
             SessionFiles.Spool table = spooled(session, bytes("id\n1\n"), 100)) {
            workspace.purge(session);
            assertThat(refusal(files.store(session, spool, path("input/late.xml"), NO_QUOTA))).isEqualTo(UploadRefusal.NO_WORKSPACE);
            assertThat(refusal(files.store(session, table, path("output/late.csv"), NO_QUOTA))).isEqualTo(UploadRefusal.NO_WORKSPACE);
        }
        assertThat(workspace.directoryOf(session)).doesNotExist();
    }

    @Test
    void spoolsACrashLeftBehindAreRemovedAndStoredFilesStay() throws IOException {
        SessionId session = newSession();
        store(session, bytes("<kept/>"), "input/kept.xml", NO_QUOTA);
        Path incoming = workspace.directoryOf(session).resolve(DiskSessionFiles.INCOMING);
        Files.writeString(incoming.resolve("upload-1.part"), "<half");
        Files.createDirectories(incoming.resolve("unpack-2/tree/a"));

        Path receiving = Files.writeString(incoming.resolve("upload-3.part"), "<being received by another instance");
        Instant twoHoursAgo = Instant.now().minus(Duration.ofHours(2));
        for (Path old : List.of(incoming.resolve("upload-1.part"), incoming.resolve("unpack-2/tree/a"), incoming.resolve("unpack-2/tree"),
                incoming.resolve("unpack-2"))) {
            Files.setLastModifiedTime(old, FileTime.from(twoHoursAgo));
        }

        files.removeLeftovers(Instant.now().minus(Duration.ofHours(1)));
        try (Stream<Path> left = Files.list(incoming)) {
            assertThat(left).as("only what was touched within the hour stays").containsExactly(receiving);
        }
        files.removeLeftovers(Instant.MAX);
        try (Stream<Path> left = Files.list(incoming)) {
            assertThat(left).isEmpty();
        }
        assertThat(paths(session)).containsExactly("input/kept.xml");
    }

    @Test
    void theSharedDataArchiveWithANestedZipIsUnpacked() throws IOException {
        SessionId session = newSession();
        byte[] archive = Files.readAllBytes(SharedSamples.resolve("archives/test-examples_1.zip"));
        UploadOutcome outcome = unpack(session, archive, "input/test-examples_1", new ArchiveLimits(10_000, 1L << 30, 200, 3), NO_QUOTA);

        var result = ((UploadOutcome.Stored) outcome).result();
        assertThat(result.files()).hasSize(13);
        assertThat(result.files()).filteredOn(file -> file.group().equals("test-examples_1/test-examples")).hasSize(5);
        assertThat(result.skipped()).extracting(skipped -> skipped.name())
                .containsExactly("test-examples.zip/Small_test-examples.rar");
    }

    @Test
    void aRatioBombBuiltFromTheDefaultsIsRefusedQuickly() throws IOException {
        SessionId session = newSession();
        long started = System.nanoTime();
        byte[] bomb = TestZips.zip().zeros("bomb.xml", 200_000_000L).bytes();
        assertThat(bomb.length).isLessThan(300_000);
        String detail = assertRefusedLeavingNothing(session, bomb, new ArchiveLimits(10_000, 1L << 30, 200, 3), UploadRefusal.UNSAFE_ARCHIVE);
        assertThat(detail).contains("ratio");
        assertThat((System.nanoTime() - started) / 1e9).as("seconds").isLessThan(10);
    }
}
