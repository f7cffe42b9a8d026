package app.ret.application.comparison;

import static org.assertj.core.api.Assertions.assertThat;

import app.ret.adapters.files.workspace.DiskWorkspace;
import app.ret.adapters.memory.InMemorySearchIndex;
import app.ret.adapters.memory.InMemorySessionStore;
import app.ret.application.TestCores;
import app.ret.application.files.FilesDependencies;
import app.ret.application.jobs.JobOutcome;
import app.ret.domain.files.ArchiveLimits;
import app.ret.domain.files.FileLimits;
import app.ret.domain.files.PathPrefix;
import app.ret.domain.files.StoredFile;
import app.ret.domain.files.UploadOutcome;
import app.ret.domain.files.WorkspacePath;
import app.ret.domain.job.JobError;
import app.ret.domain.session.Session;
import app.ret.domain.session.SessionId;
import app.ret.ports.out.FileContent;
import app.ret.ports.out.SessionFiles;
import app.ret.ports.out.SessionFiles.Spool;
import app.ret.ports.out.SessionFiles.SpoolResult;
import app.ret.ports.out.TableFile;
import app.ret.ports.testing.MutableClock;
import app.ret.ports.testing.SampleData;
import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The comparison job's handler on the real file adapters, its CSVs written into the session's
 * workspace directly: the outcomes a job reaches only when the workspace changed after the
 * comparison was accepted or under it, when a file cannot be read, or when the comparison alone
 * outgrows the session's quota.
 */
class ComparisonJobHandlerTest {
    private static final WorkspacePath LEFT = WorkspacePath.parse("output/a.csv").orElseThrow();
    private static final WorkspacePath RIGHT = WorkspacePath.parse("output/b.csv").orElseThrow();
    private static final WorkspacePath GONE = WorkspacePath.parse("output/gone.csv").orElseThrow();

    private final MutableClock clock = MutableClock.atSomeFixedTime();
    private final InMemorySessionStore sessions = new InMemorySessionStore();
    private final Session session = SampleData.session("carol", clock.instant());
    @TempDir
    Path root;
    private DiskWorkspace workspace;

    @BeforeEach
    void writeBothSides() throws IOException {
        workspace = new DiskWorkspace(root);
        sessions.insert(session);
        workspace.create(session.id());
        FilesDependencies files = files(TestCores.files(16 << 20, 64 << 20));
        write(files, LEFT, "id,v\r\n1,a\r\n2,b\r\n");
        write(files, RIGHT, "id,v\r\n1,a\r\n2,B\r\n3,c\r\n");
    }

    @Test
    void aSideNoLongerInTheWorkspaceFailsTheJobAsNotFound() {
        JobOutcome.Failed notFound = new JobOutcome.Failed(new JobError("not_found", "A file to compare is no longer in the workspace."),
                Optional.empty());

        RecordingJobContext leftGone = context(GONE, RIGHT);
        assertThat(handler(TestCores.files(16 << 20, 64 << 20)).run(leftGone)).isEqualTo(notFound);
        assertThat(handler(TestCores.files(16 << 20, 64 << 20)).run(context(LEFT, GONE))).isEqualTo(notFound);
        assertThat(leftGone.progress()).as("started at 0 of 1 before anything was read").containsExactly(new long[] {0, 1});
    }

    @Test
    void aComparisonLargerThanTheSessionQuotaFailsTheJobAndLeavesNothing() {
        JobOutcome outcome = handler(TestCores.files(40, 64 << 20)).run(context(LEFT, RIGHT));

        assertThat(outcome).isEqualTo(new JobOutcome.Failed(new JobError("quota_exceeded", "The output alone is larger than the session quota."),
                Optional.empty()));
        assertThat(files(TestCores.files(16 << 20, 64 << 20)).store().list(session.id())).extracting(file -> file.path())
                .containsExactlyInAnyOrder(LEFT, RIGHT);
    }

    @Test
    void aComparisonWithinTheQuotaIsWrittenBesideItsSides() {
        RecordingJobContext context = context(LEFT, RIGHT);

        JobOutcome outcome = handler(TestCores.files(16 << 20, 64 << 20)).run(context);

        assertThat(outcome).isInstanceOf(JobOutcome.Completed.class);
        assertThat(((JobOutcome.Completed) outcome).result().outputs().get(0).rows()).as("one changed, one added").isEqualTo(2);
        assertThat(context.progress().get(0)).containsExactly(0, 1);
        assertThat(context.last()[0]).isEqualTo(context.last()[1]);
    }

    @Test
    void aSessionEndedWhileItsFilesWereComparedFailsTheJobAsSessionEnded() {
        ComparisonJobHandler handler = handler(TestCores.files(16 << 20, 64 << 20), (path, content) -> {
            if (path.equals(RIGHT)) {
                workspace.purge(session.id());
            }
            return content;
        });

        assertThat(handler.run(context(LEFT, RIGHT))).isEqualTo(new JobOutcome.Failed(
                new JobError("session_ended", "The session ended while its files were compared."), Optional.empty()));
    }

    @Test
    void aSessionEndedWhileItsComparisonWasBeingStoredFailsTheJobAsSessionEnded() {
        ComparisonJobHandler handler = handler(TestCores.files(16 << 20, 64 << 20), (path, content) -> content,
                target -> workspace.purge(session.id()));

        assertThat(handler.run(context(LEFT, RIGHT))).isEqualTo(new JobOutcome.Failed(
                new JobError("session_ended", "The session ended while its files were compared."), Optional.empty()));
    }

    @Test
    void aSideThatCannotBeReadLeavesTheJobToBeRetried() {
        ComparisonJobHandler handler = handler(TestCores.files(16 << 20, 64 << 20), (path, content) -> new FileContent(content.file(),
                new FilterInputStream(content.content()) {
                    @Override
                    public int read(byte[] buffer, int offset, int length) throws IOException {
                        throw new IOException("read error");
                    }
                }));

        assertThat(handler.run(context(LEFT, RIGHT))).isEqualTo(new JobOutcome.Transient(
                new JobError("storage_unavailable", "Files could not be read or written; the job is retried.")));
    }

    private RecordingJobContext context(WorkspacePath left, WorkspacePath right) {
        return new RecordingJobContext(session.id(), ComparisonJobHandler.parameters(left, right, List.of("id")));
    }

    private ComparisonJobHandler handler(FileLimits limits) {
        return handler(limits, (path, content) -> content);
    }

    private ComparisonJobHandler handler(FileLimits limits, BiFunction<WorkspacePath, FileContent, FileContent> onOpen) {
        return handler(limits, onOpen, target -> { });
    }

    /** With {@code onOpen} applied to every file the job opens, in the order it opens them, and {@code beforeStore} run before it stores one. */
    private ComparisonJobHandler handler(FileLimits limits, BiFunction<WorkspacePath, FileContent, FileContent> onOpen,
            Consumer<WorkspacePath> beforeStore) {
        FilesDependencies adapters = files(limits);
        FilesDependencies files = new FilesDependencies(new Stepped(adapters.store(), onOpen, beforeStore), limits, adapters.converter(),
                adapters.conversionCache(), adapters.tableReader(), adapters.elementScanner(), adapters.workbooks(), adapters.comparer(),
                adapters.searchIndex());
        return new ComparisonJobHandler(files, TestCores.quota(clock, sessions, workspace, files));
    }

    private FilesDependencies files(FileLimits limits) {
        return TestCores.fileAdapters(root, workspace, limits, new InMemorySearchIndex());
    }

    private record Stepped(SessionFiles files, BiFunction<WorkspacePath, FileContent, FileContent> onOpen, Consumer<WorkspacePath> beforeStore)
            implements SessionFiles {
        @Override
        public Optional<FileContent> open(SessionId session, WorkspacePath path) throws IOException {
            return files.open(session, path).map(content -> onOpen.apply(path, content));
        }

        @Override
        public SpoolResult spool(SessionId session, InputStream body, long limitBytes) throws IOException {
            return files.spool(session, body, limitBytes);
        }

        @Override
        public UploadOutcome store(SessionId session, Spool spool, WorkspacePath target, long quotaBytes) throws IOException {
            beforeStore.accept(target);
            return files.store(session, spool, target, quotaBytes);
        }

        @Override
        public UploadOutcome unpack(SessionId session, Spool spool, WorkspacePath folder, ArchiveLimits limits, long quotaBytes)
                throws IOException {
            return files.unpack(session, spool, folder, limits, quotaBytes);
        }

        @Override
        public List<StoredFile> list(SessionId session) {
            return files.list(session);
        }

        @Override
        public Optional<InputStream> read(SessionId session, WorkspacePath path) throws IOException {
            return files.read(session, path);
        }

        @Override
        public Optional<TableFile> openTable(SessionId session, WorkspacePath path) throws IOException {
            return files.openTable(session, path);
        }

        @Override
        public boolean delete(SessionId session, WorkspacePath path) {
            return files.delete(session, path);
        }

        @Override
        public void exportZip(SessionId session, PathPrefix prefix, OutputStream out) throws IOException {
            files.exportZip(session, prefix, out);
        }
    }

    private void write(FilesDependencies files, WorkspacePath path, String csv) throws IOException {
        SessionId owner = session.id();
        try (Spool spool = files.store().spool(owner, new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)), 1 << 20).spool().orElseThrow()) {
            assertThat(files.store().store(owner, spool, path, Long.MAX_VALUE)).isInstanceOf(UploadOutcome.Stored.class);
        }
    }
}
