package app.ret.application.files;

import static org.assertj.core.api.Assertions.assertThat;

import app.ret.application.RetCore;
import app.ret.application.TestCores;
import app.ret.domain.files.ArchiveLimits;
import app.ret.domain.files.FileLimits;
import app.ret.domain.files.PathPrefix;
import app.ret.domain.files.StoredFile;
import app.ret.domain.files.UploadOutcome;
import app.ret.domain.files.UploadRefusal;
import app.ret.domain.files.WorkspacePath;
import app.ret.domain.session.SessionId;
import app.ret.domain.user.Role;
import app.ret.ports.in.FilesUseCase;
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
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Uploads through the core (1 MiB per upload and per session), judged by their bytes, with the shared samples. */
class FilesServiceTest {
    private final MutableClock clock = MutableClock.atSomeFixedTime();
    @TempDir
    Path runtimeRoot;
    private FilesUseCase files;
    private SessionId session;

    @BeforeEach
    void logIn() {
        RetCore core = TestCores.create(clock, runtimeRoot, TestCores.auth(5, Duration.ofSeconds(10)),
                new FileLimits(1 << 20, 1 << 20, 4 << 20, new ArchiveLimits(100, 1 << 20, 200, ArchiveLimits.DEFAULT_MAX_DEPTH)));
        core.userAdministration().addUser("alice", Role.USER, "password-1".toCharArray());
        session = TestCores.login(core, "alice", "password-1").session().id();
        files = core.files();
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
