package app.ret.ports.out;

import static org.assertj.core.api.Assertions.assertThat;

import app.ret.domain.files.ArchiveLimits;
import app.ret.domain.files.FileKind;
import app.ret.domain.files.PathPrefix;
import app.ret.domain.files.SkipReason;
import app.ret.domain.files.SkippedEntry;
import app.ret.domain.files.StoredFile;
import app.ret.domain.files.UploadOutcome;
import app.ret.domain.files.UploadRefusal;
import app.ret.domain.files.WorkspacePath;
import app.ret.domain.preview.RowStart;
import app.ret.domain.session.SessionId;
import app.ret.ports.out.SessionFiles.Spool;
import app.ret.ports.out.SessionFiles.SpoolResult;
import app.ret.ports.testing.TestZips;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;

/**
 * What every {@link SessionFiles} must do; adapters extend this. Every refused upload is checked
 * to leave the session's files exactly as they were.
 */
public abstract class SessionFilesContract {
    protected static final long NO_QUOTA = Long.MAX_VALUE / 4;
    protected static final ArchiveLimits LIMITS = new ArchiveLimits(100, 1_000_000, 200, 3);

    protected abstract SessionFiles files();

    /** A session with a fresh, empty workspace. */
    protected abstract SessionId newSession();

    /** Removes the session's workspace, as a session ending does. */
    protected abstract void removeWorkspace(SessionId session);

    @Test
    void anXmlUploadIsStoredListedAndReadBack() throws IOException {
        SessionId session = newSession();
        byte[] content = TestZips.xml("library").getBytes(StandardCharsets.UTF_8);

        StoredFile stored = single(store(session, content, "input/books.xml", NO_QUOTA));

        assertThat(stored.path().value()).isEqualTo("input/books.xml");
        assertThat(stored.size()).isEqualTo(content.length);
        assertThat(stored.sha256()).isEqualTo(sha256(content));
        assertThat(stored.group()).isEmpty();
        assertThat(stored.kind()).isEqualTo(FileKind.INPUT);
        assertThat(files().list(session)).containsExactly(stored);
        assertThat(read(session, "input/books.xml")).isEqualTo(content);
        try (InputStream bytesAlone = files().read(session, path("input/books.xml")).orElseThrow()) {
            assertThat(bytesAlone.readAllBytes()).isEqualTo(content);
        }
    }

    @Test
    void anOutputTableOpensForPagingFromAnyPositionAndNothingButTheTableIsListed() throws IOException {
        SessionId session = newSession();
        StringBuilder csv = new StringBuilder("id,text\r\n");
        for (int row = 0; row < 2_500; row++) {
            csv.append(row).append(",\"a\nline, \"\"break\"\"\"\r\n");
        }
        byte[] content = bytes(csv.toString());
        store(session, content, "output/table.csv", NO_QUOTA);

        try (TableFile table = files().openTable(session, path("output/table.csv")).orElseThrow()) {
            assertThat(table.bytesFrom(0).readAllBytes()).isEqualTo(content);
            assertThat(table.bytesFrom(9).readAllBytes()).isEqualTo(java.util.Arrays.copyOfRange(content, 9, content.length));
            java.util.Optional<RowStart> start = table.rowStartAtOrBefore(2_400);
            if (start.isPresent()) {
                assertThat(start.get().row()).isBetween(0L, 2_400L);
                assertThat(new String(table.bytesFrom(start.get().position()).readNBytes(8), StandardCharsets.UTF_8))
                        .startsWith(start.get().row() + ",");
            }
        }
        assertThat(paths(session)).containsExactly("output/table.csv");
        assertThat(exportedNames(session, PathPrefix.EVERYTHING)).containsExactly("output/table.csv");
        assertThat(files().openTable(session, path("output/other.csv"))).isEmpty();
    }

    @Test
    void storingAgainReplacesTheFile() throws IOException {
        SessionId session = newSession();
        store(session, bytes("<a>old</a>"), "input/a.xml", NO_QUOTA);
        store(session, bytes("<a>new, longer</a>"), "input/a.xml", NO_QUOTA);
        assertThat(read(session, "input/a.xml")).isEqualTo(bytes("<a>new, longer</a>"));
        assertThat(files().list(session)).hasSize(1);
    }

    @Test
    void aNameDifferingOnlyInCaseFromOneInItsFolderIsRefusedAndTheSameSpellingReplaces() throws IOException {
        SessionId session = newSession();
        store(session, bytes("<a/>"), "input/Book.xml", NO_QUOTA);
        unpack(session, TestZips.zip().entry("c.xml", "<c/>").bytes(), "input/Data", LIMITS, NO_QUOTA);

        UploadOutcome sameButCase = store(session, bytes("<b/>"), "input/book.XML", NO_QUOTA);
        assertThat(refusal(sameButCase)).isEqualTo(UploadRefusal.DUPLICATE_NAME);
        assertThat(((UploadOutcome.Refused) sameButCase).detail()).contains("\"book.XML\"", "\"Book.xml\"");
        assertThat(refusal(store(session, bytes("<b/>"), "input/data/x.xml", NO_QUOTA))).isEqualTo(UploadRefusal.DUPLICATE_NAME);
        assertThat(refusal(unpack(session, TestZips.zip().entry("d.xml", "<d/>").bytes(), "input/DATA", LIMITS, NO_QUOTA)))
                .isEqualTo(UploadRefusal.DUPLICATE_NAME);

        store(session, bytes("<a>again</a>"), "input/Book.xml", NO_QUOTA);
        store(session, bytes("<e/>"), "input/Data/e.xml", NO_QUOTA);
        assertThat(paths(session)).containsExactly("input/Book.xml", "input/Data/c.xml", "input/Data/e.xml");
    }

    @Test
    void anArchiveEntryDifferingOnlyInCaseFromAnEarlierOneIsSkippedAsADuplicateName() throws IOException {
        SessionId session = newSession();
        byte[] zip = TestZips.zip()
                .entry("Report.xml", TestZips.xml("a"))
                .entry("report.XML", TestZips.xml("b"))
                .entry("Dir/one.xml", TestZips.xml("c"))
                .entry("dir/two.xml", TestZips.xml("d"))
                .entry("Dir/three.xml", TestZips.xml("e"))
                .bytes();

        UploadOutcome.Stored outcome = (UploadOutcome.Stored) unpack(session, zip, "input/pack", LIMITS, NO_QUOTA);

        assertThat(outcome.result().files()).extracting(file -> file.path().value())
                .containsExactly("input/pack/Report.xml", "input/pack/Dir/one.xml", "input/pack/Dir/three.xml");
        assertThat(outcome.result().skipped()).containsExactly(
                new SkippedEntry("report.XML", SkipReason.DUPLICATE_NAME),
                new SkippedEntry("dir/two.xml", SkipReason.DUPLICATE_NAME));
    }

    @Test
    void nfcAndNfdSpellingsOfANameAreOneFile() throws IOException {
        SessionId session = newSession();
        String composed = "caf\u00e9.xml";
        String decomposed = "cafe\u0301.xml";
        byte[] zip = TestZips.zip().entry(composed, TestZips.xml("a")).entry(decomposed, TestZips.xml("b")).bytes();

        UploadOutcome.Stored outcome = (UploadOutcome.Stored) unpack(session, zip, "input/pack", LIMITS, NO_QUOTA);

        assertThat(outcome.result().files()).extracting(file -> file.path().value()).containsExactly("input/pack/" + composed);
        assertThat(outcome.result().skipped()).containsExactly(new SkippedEntry(decomposed, SkipReason.DUPLICATE_NAME));
        assertThat(read(session, "input/pack/" + decomposed)).as("the NFD spelling finds the stored file")
                .isEqualTo(bytes(TestZips.xml("a")));
    }

    @Test
    void aSpoolMeasuresItsUploadAndKeepsItsHead() throws IOException {
        SessionId session = newSession();
        byte[] content = bytes("<x>" + "y".repeat(2000) + "</x>");
        try (Spool spool = spooled(session, content, 10_000)) {
            assertThat(spool.size()).isEqualTo(content.length);
            assertThat(spool.sha256()).isEqualTo(sha256(content));
            assertThat(new String(spool.head(), StandardCharsets.UTF_8)).startsWith("<x>yyy");
        }
        assertThat(files().list(session)).isEmpty();
    }

    @Test
    void anUploadOverTheLimitIsRefusedAndNothingIsKept() throws IOException {
        SessionId session = newSession();
        assertThat(files().spool(session, new ByteArrayInputStream(new byte[101]), 100)).isEqualTo(SpoolResult.tooLarge());
        try (Spool exact = spooled(session, new byte[100], 100)) {
            assertThat(exact.size()).isEqualTo(100);
        }
        assertThat(files().list(session)).isEmpty();
    }

    @Test
    void theQuotaCountsWhatIsAlreadyThereAndWhatIsReplaced() throws IOException {
        SessionId session = newSession();
        store(session, new byte[600], "input/first.xml", 1000);

        UploadOutcome refused = store(session, new byte[401], "input/second.xml", 1000);
        assertThat(refusal(refused)).isEqualTo(UploadRefusal.QUOTA_EXCEEDED);
        assertThat(paths(session)).containsExactly("input/first.xml");

        assertThat(store(session, new byte[400], "input/second.xml", 1000)).isInstanceOf(UploadOutcome.Stored.class);
        assertThat(store(session, new byte[600], "input/first.xml", 1000)).isInstanceOf(UploadOutcome.Stored.class);
    }

    @Test
    void deleteRemovesOneFileAndTheFoldersItLeavesEmpty() throws IOException {
        SessionId session = newSession();
        store(session, bytes("<a/>"), "input/g/h/a.xml", NO_QUOTA);
        store(session, bytes("<b/>"), "input/g/b.xml", NO_QUOTA);

        assertThat(files().delete(session, path("input/g/h/a.xml"))).isTrue();
        assertThat(paths(session)).containsExactly("input/g/b.xml");
        assertThat(files().delete(session, path("input/g/h/a.xml"))).isFalse();
        assertThat(files().delete(session, path("input/g"))).isFalse();
        assertThat(files().delete(session, path("input/g/b.xml"))).isTrue();
        assertThat(files().list(session)).isEmpty();
        assertThat(store(session, bytes("<g/>"), "input/g", NO_QUOTA)).isInstanceOf(UploadOutcome.Stored.class);
    }

    @Test
    void aMissingFileIsEmptyNotAnError() throws IOException {
        SessionId session = newSession();
        assertThat(files().open(session, path("output/none.csv"))).isEmpty();
        assertThat(files().read(session, path("output/none.csv"))).isEmpty();
        assertThat(files().delete(session, path("output/none.csv"))).isFalse();
    }

    @Test
    void aPathBelowAFileIsMissingNotAnError() throws IOException {
        SessionId session = newSession();
        store(session, bytes("<a/>"), "input/a.xml", NO_QUOTA);

        assertThat(files().open(session, path("input/a.xml/b.xml"))).isEmpty();
        assertThat(files().read(session, path("input/a.xml/b/c.xml"))).isEmpty();
        assertThat(files().delete(session, path("input/a.xml/b.xml"))).isFalse();
    }

    @Test
    void sessionsNeverSeeEachOthersFiles() throws IOException {
        SessionId alice = newSession();
        SessionId bob = newSession();
        store(alice, bytes("<secret/>"), "input/secret.xml", NO_QUOTA);

        assertThat(files().list(bob)).isEmpty();
        assertThat(files().open(bob, path("input/secret.xml"))).isEmpty();
        assertThat(files().read(bob, path("input/secret.xml"))).isEmpty();
        assertThat(files().delete(bob, path("input/secret.xml"))).isFalse();
        assertThat(exportedNames(bob, PathPrefix.EVERYTHING)).isEmpty();
        assertThat(paths(alice)).containsExactly("input/secret.xml");
    }

    @Test
    void aZipIsUnpackedIntoItsFolderWithWhatWasLeftOutListed() throws IOException {
        SessionId session = newSession();
        byte[] zip = TestZips.zip()
                .entry("a.xml", TestZips.xml("a"))
                .entry("sub/B.XML", TestZips.xml("b"))
                .entry("sub/", "")
                .stored("stored.xml", bytes(TestZips.xml("s")))
                .entry("readme.txt", "hello")
                .entry("__MACOSX/._a.xml", "fork")
                .entry(".DS_Store", "x")
                .entry("we?rd.xml", TestZips.xml("w"))
                .entry("we_rd.xml", TestZips.xml("w2"))
                .bytes();

        UploadOutcome outcome = unpack(session, zip, "input/pack", LIMITS, NO_QUOTA);

        List<StoredFile> stored = ((UploadOutcome.Stored) outcome).result().files();
        assertThat(stored).extracting(file -> file.path().value())
                .containsExactly("input/pack/a.xml", "input/pack/sub/B.XML", "input/pack/stored.xml", "input/pack/we_rd.xml");
        assertThat(stored).extracting(StoredFile::group).containsExactly("pack", "pack/sub", "pack", "pack");
        assertThat(((UploadOutcome.Stored) outcome).result().skipped()).containsExactly(
                new SkippedEntry("readme.txt", SkipReason.NOT_XML),
                new SkippedEntry("__MACOSX/._a.xml", SkipReason.MACOS_METADATA),
                new SkippedEntry(".DS_Store", SkipReason.HIDDEN_FILE),
                new SkippedEntry("we_rd.xml", SkipReason.DUPLICATE_NAME));
        assertThat(read(session, "input/pack/sub/B.XML")).isEqualTo(bytes(TestZips.xml("b")));
        assertThat(files().list(session)).containsExactlyElementsOf(stored.stream()
                .sorted(java.util.Comparator.comparing(file -> file.path().value())).toList());
    }

    @Test
    void nestedArchivesAreUnpackedInPlaceDownToTheThirdLevel() throws IOException {
        SessionId session = newSession();
        TestZips third = TestZips.zip().entry("c.xml", TestZips.xml("c")).entry("notes.rar", "x");
        TestZips second = TestZips.zip().entry("b.xml", TestZips.xml("b")).nested("deeper/third.zip", third);
        byte[] first = TestZips.zip().entry("a.xml", TestZips.xml("a")).nested("second.ZIP", second).bytes();

        UploadOutcome outcome = unpack(session, first, "input/outer", LIMITS, NO_QUOTA);

        assertThat(((UploadOutcome.Stored) outcome).result().files()).extracting(file -> file.path().value())
                .containsExactly("input/outer/a.xml", "input/outer/second/b.xml", "input/outer/second/deeper/third/c.xml");
        assertThat(((UploadOutcome.Stored) outcome).result().skipped())
                .containsExactly(new SkippedEntry("second.ZIP/deeper/third.zip/notes.rar", SkipReason.NOT_XML));
    }

    @Test
    void aFourthLevelOfNestingRefusesTheWholeArchive() throws IOException {
        SessionId session = newSession();
        TestZips fourth = TestZips.zip().entry("d.xml", TestZips.xml("d"));
        TestZips third = TestZips.zip().nested("fourth.zip", fourth);
        TestZips second = TestZips.zip().nested("third.zip", third);
        byte[] first = TestZips.zip().entry("a.xml", TestZips.xml("a")).nested("second.zip", second).bytes();

        assertThat(assertRefusedLeavingNothing(session, first, LIMITS, UploadRefusal.UNSAFE_ARCHIVE)).contains("nested deeper");
    }

    @Test
    void everyDangerousEntryNameRefusesTheWholeArchive() throws IOException {
        SessionId session = newSession();
        for (String name : new String[] {"../evil.xml", "ok/../../evil.xml", "/etc/evil.xml", "..\\evil.xml", "a\\b.xml",
            "C:evil.xml", "c:/evil.xml", "evil\u0000.xml", "__MACOSX/../../evil.xml"}) {
            byte[] zip = TestZips.zip().entry("good.xml", TestZips.xml("g")).entry(name, TestZips.xml("e")).bytes();
            assertThat(assertRefusedLeavingNothing(session, zip, LIMITS, UploadRefusal.UNSAFE_ARCHIVE))
                    .startsWith("Unsafe archive: an entry").doesNotContain("evil");
        }
    }

    @Test
    void tooManyEntriesRefuseTheArchiveCountingNestedOnes() throws IOException {
        SessionId session = newSession();
        assertThat(assertRefusedLeavingNothing(session, TestZips.zip().manyXml("f", 101).bytes(), LIMITS, UploadRefusal.UNSAFE_ARCHIVE))
                .contains("more entries");
        byte[] nested = TestZips.zip().manyXml("f", 60).nested("inner.zip", TestZips.zip().manyXml("g", 40)).bytes();
        assertRefusedLeavingNothing(session, nested, LIMITS, UploadRefusal.UNSAFE_ARCHIVE);
        byte[] exactly = TestZips.zip().manyXml("f", 59).nested("inner.zip", TestZips.zip().manyXml("g", 40)).bytes();
        assertThat(unpack(session, exactly, "input/ok", LIMITS, NO_QUOTA)).isInstanceOf(UploadOutcome.Stored.class);
    }

    @Test
    void aBombIsRefusedByItsRatio() throws IOException {
        SessionId session = newSession();
        ArchiveLimits roomy = new ArchiveLimits(100, 1L << 40, 200, 3);
        assertThat(assertRefusedLeavingNothing(session, TestZips.zip().zeros("bomb.xml", 10_000_000).bytes(), roomy,
                UploadRefusal.UNSAFE_ARCHIVE)).contains("ratio");
        byte[] hiddenInside = TestZips.zip().nested("inner.zip", TestZips.zip().zeros("bomb.xml", 10_000_000)).bytes();
        assertRefusedLeavingNothing(session, hiddenInside, roomy, UploadRefusal.UNSAFE_ARCHIVE);
    }

    @Test
    void manyHarmlessEntriesAreRefusedByTheirTotal() throws IOException {
        SessionId session = newSession();
        byte[] noise = new byte[300_000];
        new java.util.Random(7).nextBytes(noise);
        byte[] zip = TestZips.zip().entry("a.xml", noise).entry("b.xml", noise).entry("c.xml", noise).entry("d.xml", noise).bytes();
        assertThat(assertRefusedLeavingNothing(session, zip, LIMITS, UploadRefusal.UNSAFE_ARCHIVE)).contains("more bytes");
        ArchiveLimits enough = new ArchiveLimits(100, 1_200_000, 200, 3);
        assertThat(unpack(session, zip, "input/ok", enough, NO_QUOTA)).isInstanceOf(UploadOutcome.Stored.class);
    }

    @Test
    void corruptArchivesAreRefused() throws IOException {
        SessionId session = newSession();
        byte[] deflated = TestZips.zip().entry("a.xml", TestZips.xml("a".repeat(500))).bytes();
        byte[] stored = TestZips.zip().stored("a.xml", bytes(TestZips.xml("a"))).bytes();
        assertRefusedLeavingNothing(session, TestZips.corruptFirstEntry(deflated), LIMITS, UploadRefusal.UNSAFE_ARCHIVE);
        assertRefusedLeavingNothing(session, TestZips.corruptFirstEntry(stored), LIMITS, UploadRefusal.UNSAFE_ARCHIVE);
        assertThat(assertRefusedLeavingNothing(session, TestZips.truncated(deflated), LIMITS, UploadRefusal.UNSAFE_ARCHIVE))
                .contains("corrupt");
        assertThat(assertRefusedLeavingNothing(session, TestZips.commentPastTheEnd(deflated), LIMITS, UploadRefusal.UNSAFE_ARCHIVE))
                .contains("corrupt");
        byte[] nestedPastTheEnd = TestZips.zip().entry("b.xml", TestZips.xml("b")).entry("inner.zip", TestZips.commentPastTheEnd(deflated)).bytes();
        assertThat(assertRefusedLeavingNothing(session, nestedPastTheEnd, LIMITS, UploadRefusal.UNSAFE_ARCHIVE)).contains("corrupt");
    }

    @Test
    void anArchiveOverTheQuotaIsRefusedWhole() throws IOException {
        SessionId session = newSession();
        store(session, new byte[500], "input/existing.xml", 1000);
        byte[] zip = TestZips.zip().entry("a.xml", new byte[300]).entry("b.xml", new byte[300]).bytes();
        UploadOutcome outcome = unpack(session, zip, "input/pack", LIMITS, 1000);
        assertThat(refusal(outcome)).isEqualTo(UploadRefusal.QUOTA_EXCEEDED);
        assertThat(paths(session)).containsExactly("input/existing.xml");
    }

    @Test
    void unpackingAgainReplacesTheFolder() throws IOException {
        SessionId session = newSession();
        unpack(session, TestZips.zip().entry("a.xml", "<a/>").entry("b.xml", "<b/>").bytes(), "input/pack", LIMITS, NO_QUOTA);
        unpack(session, TestZips.zip().entry("c.xml", "<c/>").bytes(), "input/pack", LIMITS, NO_QUOTA);
        assertThat(paths(session)).containsExactly("input/pack/c.xml");
    }

    @Test
    void aFileAndAFolderCannotShareAName() throws IOException {
        SessionId session = newSession();
        store(session, bytes("<a/>"), "input/pack", NO_QUOTA);
        assertThat(refusal(unpack(session, TestZips.zip().entry("c.xml", "<c/>").bytes(), "input/pack", LIMITS, NO_QUOTA)))
                .isEqualTo(UploadRefusal.CONFLICT);
        unpack(session, TestZips.zip().entry("c.xml", "<c/>").bytes(), "input/other", LIMITS, NO_QUOTA);
        assertThat(refusal(store(session, bytes("<x/>"), "input/other", NO_QUOTA))).isEqualTo(UploadRefusal.CONFLICT);
        assertThat(refusal(store(session, bytes("<x/>"), "input/pack/x.xml", NO_QUOTA))).isEqualTo(UploadRefusal.CONFLICT);
        assertThat(paths(session)).containsExactly("input/other/c.xml", "input/pack");
    }

    @Test
    void anArchiveWithoutXmlStoresNothingAndSaysWhy() throws IOException {
        SessionId session = newSession();
        UploadOutcome outcome = unpack(session, TestZips.zip().entry("a.txt", "x").bytes(), "input/pack", LIMITS, NO_QUOTA);
        assertThat(((UploadOutcome.Stored) outcome).result().files()).isEmpty();
        assertThat(((UploadOutcome.Stored) outcome).result().skipped()).containsExactly(new SkippedEntry("a.txt", SkipReason.NOT_XML));
        assertThat(files().list(session)).isEmpty();
    }

    @Test
    void anEntryWithoutASafeNameRefusesTheArchive() throws IOException {
        SessionId session = newSession();
        assertRefusedLeavingNothing(session, TestZips.zip().entry("ok.xml", "<a/>").entry("   /a.xml", "<b/>").bytes(), LIMITS,
                UploadRefusal.UNUSABLE_NAME);
    }

    @Test
    void theExportHoldsTheSelectedFilesByPath() throws IOException {
        SessionId session = newSession();
        store(session, bytes("<a/>"), "input/a.xml", NO_QUOTA);
        store(session, bytes("<b/>"), "input/g/b.xml", NO_QUOTA);

        Map<String, byte[]> everything = exported(session, PathPrefix.EVERYTHING);
        assertThat(everything.keySet()).containsExactly("input/a.xml", "input/g/b.xml");
        assertThat(everything.get("input/g/b.xml")).isEqualTo(bytes("<b/>"));
        assertThat(exportedNames(session, PathPrefix.parse("input/g/").orElseThrow())).containsExactly("input/g/b.xml");
        assertThat(exportedNames(session, PathPrefix.parse("output/").orElseThrow())).isEmpty();
    }

    @Test
    void withoutAWorkspaceNothingIsStored() throws IOException {
        SessionId session = newSession();
        removeWorkspace(session);
        assertThat(files().spool(session, new ByteArrayInputStream(bytes("<a/>")), 100)).isEqualTo(SpoolResult.noWorkspace());
        assertThat(files().list(session)).isEmpty();
    }

    @Test
    void aSpoolOfAnotherSessionCannotBeStored() throws IOException {
        SessionId alice = newSession();
        SessionId bob = newSession();
        try (Spool spool = spooled(alice, bytes("<a/>"), 100)) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> files().store(bob, spool, path("input/a.xml"), NO_QUOTA))
                    .isInstanceOf(IllegalArgumentException.class);
        }
        assertThat(files().list(bob)).isEmpty();
    }

    // ---- helpers ----

    /** Unpacks {@code zip}, expects {@code expected} and an unchanged session, and returns the refusal's detail. */
    protected String assertRefusedLeavingNothing(SessionId session, byte[] zip, ArchiveLimits limits, UploadRefusal expected)
            throws IOException {
        List<StoredFile> before = files().list(session);
        UploadOutcome outcome = unpack(session, zip, "input/refused", limits, NO_QUOTA);
        assertThat(refusal(outcome)).as(String.valueOf(outcome)).isEqualTo(expected);
        assertThat(files().list(session)).isEqualTo(before);
        return ((UploadOutcome.Refused) outcome).detail();
    }

    protected UploadOutcome store(SessionId session, byte[] content, String target, long quota) throws IOException {
        try (Spool spool = spooled(session, content, Long.MAX_VALUE / 2)) {
            return files().store(session, spool, path(target), quota);
        }
    }

    protected UploadOutcome unpack(SessionId session, byte[] zip, String folder, ArchiveLimits limits, long quota) throws IOException {
        try (Spool spool = spooled(session, zip, Long.MAX_VALUE / 2)) {
            return files().unpack(session, spool, path(folder), limits, quota);
        }
    }

    protected Spool spooled(SessionId session, byte[] content, long limit) throws IOException {
        SpoolResult result = files().spool(session, new ByteArrayInputStream(content), limit);
        return result.spool().orElseThrow(() -> new AssertionError("not spooled: " + result.refusal()));
    }

    protected byte[] read(SessionId session, String path) throws IOException {
        try (FileContent content = files().open(session, path(path)).orElseThrow()) {
            byte[] bytes = content.content().readAllBytes();
            assertThat(content.file().size()).isEqualTo(bytes.length);
            assertThat(content.file().sha256()).isEqualTo(sha256(bytes));
            return bytes;
        }
    }

    protected List<String> paths(SessionId session) {
        return files().list(session).stream().map(file -> file.path().value()).toList();
    }

    protected List<String> exportedNames(SessionId session, PathPrefix prefix) throws IOException {
        return List.copyOf(exported(session, prefix).keySet());
    }

    protected Map<String, byte[]> exported(SessionId session, PathPrefix prefix) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        files().exportZip(session, prefix, out);
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (InputStream in = new ByteArrayInputStream(out.toByteArray()); ZipInputStream zip = new ZipInputStream(in)) {
            ZipEntry entry;
            while ((entry = zip.getNextEntry()) != null) {
                entries.put(entry.getName(), zip.readAllBytes());
            }
        }
        return entries;
    }

    protected static StoredFile single(UploadOutcome outcome) {
        assertThat(outcome).isInstanceOf(UploadOutcome.Stored.class);
        List<StoredFile> files = ((UploadOutcome.Stored) outcome).result().files();
        assertThat(files).hasSize(1);
        return files.get(0);
    }

    protected static UploadRefusal refusal(UploadOutcome outcome) {
        assertThat(outcome).isInstanceOf(UploadOutcome.Refused.class);
        return ((UploadOutcome.Refused) outcome).refusal();
    }

    protected static WorkspacePath path(String value) {
        return WorkspacePath.parse(value).orElseThrow();
    }

    protected static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    protected static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
