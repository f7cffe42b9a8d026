package app.ret.domain.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class FileNameTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "report.xml|report.xml",
        "my report (final).xml|my report (final).xml",
        "Käse-Übersicht.xml|Käse-Übersicht.xml",
        "ab:c*d?e<f>g.xml|ab_c_d_e_f_g.xml",
        "'quoted';$(x).xml|_quoted___(x).xml",
        ".hidden.xml|hidden.xml",
        "  padded.xml. .|padded.xml",
        "CON.xml|_CON.xml",
        "nul|_nul",
        "ＡＢ．．／x.xml|ＡＢ___x.xml"
    })
    void reduceKeepsSafeCharactersAndReplacesTheRest(String raw, String expected) {
        assertThat(FileName.reduce(raw)).map(FileName::value).contains(expected);
    }

    @Test
    void controlAndFormattingCharactersBecomeUnderscores() {
        assertThat(FileName.reduce("tab\tand\nnewline.xml")).map(FileName::value).contains("tab_and_newline.xml");
        assertThat(FileName.reduce("right\u202Eleft.xml")).map(FileName::value).contains("right_left.xml");
        assertThat(FileName.reduce("quote\"pipe|.xml")).map(FileName::value).contains("quote_pipe_.xml");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "...", ". .", ".", "..", "../x.xml", "a/b.xml", "..\\x.xml", "a\\b.xml", "C:x.xml",
        "c:\\windows", "a\u0000b.xml", "/etc/passwd", "\\a.xml", "\u0000a.xml"})
    void reduceRefusesNamesThatAreEmptyOrTryToBePaths(String raw) {
        assertThat(FileName.reduce(raw)).isEmpty();
    }

    @Test
    void reduceRefusesNull() {
        assertThat(FileName.reduce(null)).isEmpty();
    }

    @Test
    void anOverlongNameIsShortenedToTheByteLimitKeepingItsExtension() {
        String raw = "ü".repeat(300) + ".xml";
        FileName name = FileName.reduce(raw).orElseThrow();
        assertThat(name.value()).endsWith(".xml").startsWith("üüü");
        assertThat(name.value().getBytes(java.nio.charset.StandardCharsets.UTF_8).length).isLessThanOrEqualTo(FileName.MAX_BYTES)
                .isGreaterThan(FileName.MAX_BYTES - 2);
    }

    @Test
    void everyReducedNameIsSafeAndReducingAgainChangesNothing() {
        for (String raw : new String[] {"a b.xml", "x<>y.zip", ".git", "ÄÖÜ.XML", "e\u0301.xml", "😀.xml", "aux.tar.gz"}) {
            FileName once = FileName.reduce(raw).orElseThrow();
            assertThat(FileName.isSafe(once.value())).as(raw).isTrue();
            assertThat(FileName.reduce(once.value())).as(raw).contains(once);
        }
    }

    @Test
    void theConstructorAcceptsOnlySafeNames() {
        assertThat(new FileName("a.xml").value()).isEqualTo("a.xml");
        for (String unsafe : new String[] {"..", ".x", "x.", "a/b", "a\\b", "a\u0000", "a:b", " a", "", "PRN"}) {
            assertThatThrownBy(() -> new FileName(unsafe)).as(unsafe).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void extensionAndStem() {
        FileName name = new FileName("Archive.v2.ZIP");
        assertThat(name.extension()).isEqualTo("zip");
        assertThat(name.hasExtension("zip")).isTrue();
        assertThat(name.stem()).isEqualTo("Archive.v2");
        assertThat(new FileName("README").extension()).isEmpty();
        assertThat(new FileName("README").stem()).isEqualTo("README");
    }

    @Test
    void namesAreKeptInNfcSoThatTwoSpellingsOfOneNameAreOne() {
        String composed = "caf\u00e9.xml";
        String decomposed = "cafe\u0301.xml";

        assertThat(FileName.reduce(decomposed)).contains(new FileName(composed));
        assertThat(FileName.isSafe(decomposed)).as("only the NFC spelling is a FileName").isFalse();
        assertThat(WorkspacePath.parse("input/" + decomposed)).contains(WorkspacePath.parse("input/" + composed).orElseThrow());
        assertThat(PathPrefix.parse("input/" + decomposed)).contains(new PathPrefix("input/" + composed));
    }

    @Test
    void theCaseKeyIsWhatACaseInsensitiveFileSystemCompares() {
        assertThat(new FileName("Report.XML").caseKey()).isEqualTo(new FileName("report.xml").caseKey());
        assertThat(new FileName("\u00c9t\u00e9.xml").caseKey()).isEqualTo(new FileName("\u00e9T\u00c9.xml").caseKey());
        assertThat(new FileName("a1.xml").caseKey()).isNotEqualTo(new FileName("a2.xml").caseKey());
    }

    @Test
    void shorteningCountsRealUtf8BytesInEveryWidth() {
        assertThat(utf8Bytes(FileName.reduce("a".repeat(300)).orElseThrow())).isEqualTo(FileName.MAX_BYTES);
        assertThat(FileName.reduce("\u0800".repeat(100)).orElseThrow().value()).hasSize(85);
        assertThat(FileName.reduce("\uD800\uDC00".repeat(100)).orElseThrow().value()).hasSize(2 * 63);
        assertThat(utf8Bytes(FileName.reduce("\uD800\uDC00".repeat(100)).orElseThrow())).isEqualTo(252);
    }

    @Test
    void anOverlongNameKeepsAnExtensionOfUpToSixteenCharactersWithItsDot() {
        String fifteen = "abcdefghijklmno";
        assertThat(FileName.reduce("n".repeat(300) + "." + fifteen).orElseThrow().value()).endsWith("n." + fifteen).hasSize(255);
        assertThat(FileName.reduce("n".repeat(300) + "." + fifteen + "p").orElseThrow().value()).isEqualTo("n".repeat(255));
    }

    @Test
    void anExtensionMatchesOnlyItself() {
        assertThat(new FileName("a.zip").hasExtension("xml")).isFalse();
        assertThat(new FileName("noextension").extension()).isEmpty();
        assertThat(new FileName("a.xml")).hasToString("a.xml");
    }

    private static int utf8Bytes(FileName name) {
        return name.value().getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
    }
}
