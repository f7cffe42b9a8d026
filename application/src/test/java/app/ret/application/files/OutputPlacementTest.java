package app.ret.application.files;

import static org.assertj.core.api.Assertions.assertThat;

import app.ret.adapters.files.workspace.DiskSessionFiles;
import app.ret.adapters.files.workspace.DiskWorkspace;
import app.ret.adapters.memory.InMemorySearchIndex;
import app.ret.adapters.memory.InMemorySessionStore;
import app.ret.application.TestCores;
import app.ret.application.files.OutputPlacement.Placed;
import app.ret.domain.files.FileLimits;
import app.ret.domain.files.WorkspacePath;
import app.ret.domain.session.Session;
import app.ret.ports.out.FileContent;
import app.ret.ports.testing.MutableClock;
import app.ret.ports.testing.SampleData;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What placing a job's output in a session's workspace answers, on the real file adapters. */
class OutputPlacementTest {
    private static final WorkspacePath OUTPUT = WorkspacePath.parse("output/a.csv").orElseThrow();

    private final MutableClock clock = MutableClock.atSomeFixedTime();
    private final InMemorySessionStore sessions = new InMemorySessionStore();
    private final Session session = SampleData.session("carol", clock.instant());
    @TempDir
    Path root;
    private DiskWorkspace workspace;

    @BeforeEach
    void startTheSession() throws IOException {
        workspace = new DiskWorkspace(root);
        sessions.insert(session);
        workspace.create(session.id());
    }

    @Test
    void anOutputWithinTheQuotasIsStoredAndReplacesTheOlderFile() throws IOException {
        OutputPlacement placement = placement(TestCores.files(1 << 20, 4 << 20));

        assertThat(placement.place(session.id(), bytes("id\r\n1\r\n"), OUTPUT)).isEqualTo(new Placed.Stored(sha256("id\r\n1\r\n")));
        assertThat(placement.place(session.id(), bytes("id\r\n2\r\n"), OUTPUT)).isEqualTo(new Placed.Stored(sha256("id\r\n2\r\n")));

        assertThat(read(OUTPUT)).isEqualTo("id\r\n2\r\n");
    }

    @Test
    void anOutputLargerThanTheSessionQuotaAloneIsRefusedAndNotWritten() throws IOException {
        Placed placed = placement(TestCores.files(8, 4 << 20)).place(session.id(), bytes("id\r\n1\r\n2\r\n"), OUTPUT);

        assertThat(placed).isEqualTo(new Placed.Refused("quota_exceeded", "The output alone is larger than the session quota."));
        assertThat(workspaceFiles()).isZero();
    }

    @Test
    void anOutputThatFitsTheQuotaOnlyWithoutTheOtherFilesIsRefusedWithTheQuotasReason() throws IOException {
        OutputPlacement placement = placement(TestCores.files(12, 4 << 20));
        assertThat(placement.place(session.id(), bytes("12345678"), WorkspacePath.parse("output/b.csv").orElseThrow()))
                .isEqualTo(new Placed.Stored(sha256("12345678")));

        Placed placed = placement.place(session.id(), bytes("12345678"), OUTPUT);

        assertThat(placed).isInstanceOfSatisfying(Placed.Refused.class, refused -> {
            assertThat(refused.code()).isEqualTo("quota_exceeded");
            assertThat(refused.message()).isNotBlank().isNotEqualTo("The output alone is larger than the session quota.");
        });
        assertThat(workspaceFiles()).isEqualTo(1);
    }

    @Test
    void aNameThatDiffersOnlyInCaseFromAnotherFileIsRefusedAsADuplicate() throws IOException {
        OutputPlacement placement = placement(TestCores.files(1 << 20, 4 << 20));
        placement.place(session.id(), bytes("id\r\n1\r\n"), OUTPUT);

        Placed placed = placement.place(session.id(), bytes("id\r\n2\r\n"), WorkspacePath.parse("output/A.csv").orElseThrow());

        assertThat(placed).isInstanceOfSatisfying(Placed.Refused.class, refused -> assertThat(refused.code()).isEqualTo("duplicate_name"));
        assertThat(read(OUTPUT)).isEqualTo("id\r\n1\r\n");
    }

    @Test
    void aSessionWhoseWorkspaceIsGoneIsReportedAsGone() throws IOException {
        OutputPlacement placement = placement(TestCores.files(1 << 20, 4 << 20));
        workspace.purge(session.id());

        assertThat(placement.place(session.id(), bytes("id\r\n1\r\n"), OUTPUT)).isEqualTo(new Placed.SessionGone());
    }

    private OutputPlacement placement(FileLimits limits) {
        FilesDependencies files = TestCores.fileAdapters(root, workspace, limits, new InMemorySearchIndex());
        return new OutputPlacement(files, TestCores.quota(clock, sessions, workspace, files));
    }

    private long workspaceFiles() throws IOException {
        return new DiskSessionFiles(workspace).list(session.id()).size();
    }

    private String read(WorkspacePath path) throws IOException {
        try (FileContent content = new DiskSessionFiles(workspace).open(session.id(), path).orElseThrow()) {
            return new String(content.content().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static InputStream bytes(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    /** The digest the placement reports for what it stored (an index job later checks the file still has it). */
    private static String sha256(String text) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}
