package app.ret.application.files;

import static org.assertj.core.api.Assertions.assertThat;

import app.ret.adapters.memory.InMemorySearchIndex;
import app.ret.adapters.memory.InMemoryUserStore;
import app.ret.application.RetCore;
import app.ret.application.TestCores;
import app.ret.domain.conversion.ConversionOptions;
import app.ret.domain.conversion.OutputFormat;
import app.ret.domain.files.ArchiveLimits;
import app.ret.domain.files.FileLimits;
import app.ret.domain.files.PathPrefix;
import app.ret.domain.files.StoredFile;
import app.ret.domain.files.UploadOutcome;
import app.ret.domain.files.UploadRefusal;
import app.ret.domain.files.WorkspacePath;
import app.ret.domain.job.Job;
import app.ret.domain.job.JobStatus;
import app.ret.domain.preview.ElementCensus;
import app.ret.domain.preview.ElementCount;
import app.ret.domain.session.SessionId;
import app.ret.domain.user.Role;
import app.ret.ports.in.ConversionsUseCase.ConversionRequest;
import app.ret.ports.in.FilePreviewUseCase;
import app.ret.ports.in.FilesUseCase;
import app.ret.ports.in.JobsUseCase.SubmitResult;
import app.ret.ports.out.FileContent;
import app.ret.ports.testing.MutableClock;
import app.ret.ports.testing.SharedSamples;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Uploads, deletions and previews through the core (1 MiB per upload and per session), judged by their bytes, with the shared samples. */
class FilesServiceTest {
    private final MutableClock clock = MutableClock.atSomeFixedTime();
    @TempDir
    Path runtimeRoot;
    private FilesUseCase files;
    private FilePreviewUseCase preview;
    private SessionId session;

    @BeforeEach
    void logIn() {
        RetCore core = TestCores.create(clock, runtimeRoot, TestCores.auth(5, Duration.ofSeconds(10)),
                new FileLimits(1 << 20, 1 << 20, 4 << 20, new ArchiveLimits(100, 1 << 20, 200, ArchiveLimits.DEFAULT_MAX_DEPTH)));
        core.userAdministration().addUser("alice", Role.USER, "password-1".toCharArray());
        session = TestCores.login(core, "alice", "password-1").session().id();
        files = core.files();
        preview = core.filePreview();
    }

    @Test
    void anXmlBodyIsStoredUnderItsSafeNameWhateverItIsCalled() throws IOException {
        byte[] xml = Files.readAllBytes(SharedSamples.resolve("crossref/book_4.4.2.xml"));

        UploadOutcome outcome = files.upload(session, "my book:1.txt", new ByteArrayInputStream(xml));

        StoredFile stored = ((UploadOutcome.Stored) outcome).result().files().get(0);
        assertThat(stored.path()).isEqualTo(WorkspacePath.parse("input/my book_1.txt").orElseThrow());
        assertThat(stored.size()).isEqualTo(xml.length);
        assertThat(files.list(session)).containsExactly(stored);
        try (FileContent content = files.open(session, stored.path()).orElseThrow()) {
            assertThat(content.content().readAllBytes()).isEqualTo(xml);
        }
    }

    @Test
    void aZipIsUnpackedIntoAFolderNamedAfterIt() throws IOException {
        byte[] zip = Files.readAllBytes(SharedSamples.resolve("archives/4_test-examples.zip"));

        UploadOutcome outcome = files.upload(session, "examples.zip", new ByteArrayInputStream(zip));

        assertThat(((UploadOutcome.Stored) outcome).result().files()).hasSize(8)
                .allMatch(file -> file.path().value().startsWith("input/examples/"));
    }

    @Test
    void bytesThatAreNeitherXmlNorZipAreRefusedWhateverTheName() throws IOException {
        UploadOutcome outcome = files.upload(session, "data.xml", new ByteArrayInputStream("{\"json\": 1}".getBytes(StandardCharsets.UTF_8)));

        assertThat(outcome).isEqualTo(new UploadOutcome.Refused(UploadRefusal.UNSUPPORTED_CONTENT, "The body is neither XML nor a ZIP archive."));
        assertThat(files.list(session)).isEmpty();
    }

    @Test
    void aNameThatIsAPathIsRefusedBeforeAByteIsRead() throws IOException {
        UploadOutcome outcome = files.upload(session, "../etc/x.xml", new ByteArrayInputStream(new byte[] {'<', 'a', '/', '>'}));
        assertThat(((UploadOutcome.Refused) outcome).refusal()).isEqualTo(UploadRefusal.UNUSABLE_NAME);
    }

    @Test
    void anUploadOfExactlyTheLimitIsStoredAndOneByteMoreIsRefused() throws IOException {
        assertThat(files.maxUploadBytes()).isEqualTo(1 << 20);
        byte[] largest = xmlOfSize(1 << 20);
        assertThat(files.upload(session, "largest.xml", new ByteArrayInputStream(largest))).isInstanceOf(UploadOutcome.Stored.class);
        files.delete(session, WorkspacePath.parse("input/largest.xml").orElseThrow());

        UploadOutcome outcome = files.upload(session, "too-large.xml", new ByteArrayInputStream(xmlOfSize((1 << 20) + 1)));

        assertThat(outcome).isEqualTo(new UploadOutcome.Refused(UploadRefusal.TOO_LARGE, "The upload exceeds 1048576 bytes."));
    }

    @Test
    void deletedFilesAreGoneAndTheExportHoldsWhatIsLeft() throws IOException {
        files.upload(session, "a.xml", new ByteArrayInputStream("<a/>".getBytes(StandardCharsets.UTF_8)));
        files.upload(session, "b.xml", new ByteArrayInputStream("<b/>".getBytes(StandardCharsets.UTF_8)));

        assertThat(files.delete(session, WorkspacePath.parse("input/a.xml").orElseThrow())).isTrue();
        assertThat(files.delete(session, WorkspacePath.parse("input/a.xml").orElseThrow())).isFalse();

        ByteArrayOutputStream export = new ByteArrayOutputStream();
        files.exportZip(session, PathPrefix.EVERYTHING, export);
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(export.toByteArray()))) {
            assertThat(zip.getNextEntry().getName()).isEqualTo("input/b.xml");
            assertThat(zip.getNextEntry()).isNull();
        }
    }

    @Test
    void theElementsOfAnXmlInputAreCountedAndNothingElseIsLookedInto() throws IOException {
        files.upload(session, "a.xml", new ByteArrayInputStream("<r><i/><i/></r>".getBytes(StandardCharsets.UTF_8)));

        assertThat(preview.elements(session, WorkspacePath.parse("input/a.xml").orElseThrow()))
                .contains(new ElementCensus(List.of(new ElementCount("r", 1, 1), new ElementCount("i", 2, 2)), true));
        assertThat(preview.elements(session, WorkspacePath.parse("input/b.xml").orElseThrow())).as("no such file").isEmpty();
        assertThat(preview.elements(session, WorkspacePath.parse("output/a.xml").orElseThrow())).as("not an input").isEmpty();
    }

    @Test
    void aDeletedOutputLeavesTheSearchIndexAndADeletedInputDoesNot() throws Exception {
        InMemorySearchIndex index = new InMemorySearchIndex();
        RetCore core = TestCores.create(clock, runtimeRoot.resolve("indexed"), TestCores.auth(5, Duration.ofSeconds(10)),
                TestCores.files(1 << 20, 4 << 20), new InMemoryUserStore(), index);
        core.userAdministration().addUser("bob", Role.USER, "password-1".toCharArray());
        SessionId bob = TestCores.login(core, "bob", "password-1").session().id();
        core.files().upload(bob, "a.xml", new ByteArrayInputStream("<r><i><v>one</v></i></r>".getBytes(StandardCharsets.UTF_8)));
        core.jobExecution().start();
        try {
            Job converted = TestCores.awaitFinished(core, bob, ((SubmitResult.Accepted) core.conversions().submit(bob,
                    new ConversionRequest(Optional.empty(), Optional.empty(), ConversionOptions.DEFAULTS, EnumSet.of(OutputFormat.CSV)))).job());
            assertThat(converted.status()).isEqualTo(JobStatus.SUCCEEDED);
        } finally {
            core.jobExecution().stop(Duration.ofSeconds(5));
        }
        long indexed = index.bytes(bob);
        assertThat(indexed).as("the conversion indexed its rows").isPositive();

        assertThat(core.files().delete(bob, WorkspacePath.parse("input/a.xml").orElseThrow())).isTrue();
        assertThat(index.bytes(bob)).isEqualTo(indexed);
        assertThat(core.files().delete(bob, WorkspacePath.parse("output/a.csv").orElseThrow())).isTrue();
        assertThat(index.bytes(bob)).isZero();
    }

    private static byte[] xmlOfSize(int size) {
        byte[] bytes = new byte[size];
        java.util.Arrays.fill(bytes, (byte) ' ');
        byte[] open = "<a>".getBytes(StandardCharsets.US_ASCII);
        byte[] close = "</a>".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(open, 0, bytes, 0, open.length);
        System.arraycopy(close, 0, bytes, size - close.length, close.length);
        return bytes;
    }
}
