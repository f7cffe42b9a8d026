package app.ret.domain.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class UploadKindTest {

    @Test
    void zipsAreRecognisedByTheirSignature() {
        assertThat(UploadKind.sniff(new byte[] {'P', 'K', 3, 4, 20, 0})).isEqualTo(UploadKind.ZIP);
        assertThat(UploadKind.sniff(new byte[] {'P', 'K', 5, 6, 0, 0})).isEqualTo(UploadKind.ZIP);
        assertThat(UploadKind.sniff(new byte[] {'P', 'K', 1, 2})).isEqualTo(UploadKind.UNKNOWN);
    }

    @Test
    void xmlIsRecognisedInItsUsualEncodings() {
        assertThat(UploadKind.sniff(bytes("<?xml version=\"1.0\"?><a/>", StandardCharsets.UTF_8))).isEqualTo(UploadKind.XML);
        assertThat(UploadKind.sniff(bytes("\n\t  <library/>", StandardCharsets.UTF_8))).isEqualTo(UploadKind.XML);
        assertThat(UploadKind.sniff(bytes("\uFEFF<!-- c --><a/>", StandardCharsets.UTF_8))).isEqualTo(UploadKind.XML);
        assertThat(UploadKind.sniff(bytes("<ü/>", StandardCharsets.UTF_8))).isEqualTo(UploadKind.XML);
        assertThat(UploadKind.sniff(bytes("\uFEFF<?xml version=\"1.0\"?>", StandardCharsets.UTF_16BE))).isEqualTo(UploadKind.XML);
        assertThat(UploadKind.sniff(bytes("\uFEFF <a/>", StandardCharsets.UTF_16LE))).isEqualTo(UploadKind.XML);
        assertThat(UploadKind.sniff(bytes("<?xml version=\"1.0\"?>", StandardCharsets.UTF_16BE))).isEqualTo(UploadKind.XML);
        assertThat(UploadKind.sniff(bytes("<?xml version=\"1.0\"?>", StandardCharsets.UTF_16LE))).isEqualTo(UploadKind.XML);
        assertThat(UploadKind.sniff(bytes("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><a>é</a>", StandardCharsets.ISO_8859_1)))
                .isEqualTo(UploadKind.XML);
    }

    @Test
    void everythingElseIsUnknown() {
        assertThat(UploadKind.sniff(new byte[0])).isEqualTo(UploadKind.UNKNOWN);
        assertThat(UploadKind.sniff(bytes("<", StandardCharsets.UTF_8))).isEqualTo(UploadKind.UNKNOWN);
        assertThat(UploadKind.sniff(bytes("< a", StandardCharsets.UTF_8))).isEqualTo(UploadKind.UNKNOWN);
        assertThat(UploadKind.sniff(bytes("{\"json\": true}", StandardCharsets.UTF_8))).isEqualTo(UploadKind.UNKNOWN);
        assertThat(UploadKind.sniff(bytes("%PDF-1.7", StandardCharsets.UTF_8))).isEqualTo(UploadKind.UNKNOWN);
        assertThat(UploadKind.sniff(bytes(" ".repeat(UploadKind.HEAD_BYTES) + "<a/>", StandardCharsets.UTF_8))).isEqualTo(UploadKind.UNKNOWN);
        assertThat(UploadKind.sniff(new byte[] {'R', 'a', 'r', '!', 0x1A, 7})).isEqualTo(UploadKind.UNKNOWN);
    }

    private static byte[] bytes(String text, Charset charset) {
        byte[] all = text.getBytes(charset);
        return java.util.Arrays.copyOf(all, Math.min(all.length, UploadKind.HEAD_BYTES));
    }

    @Test
    void theShortestHeadsThatSayWhatTheyAre() {
        assertThat(UploadKind.sniff(new byte[] {'P', 'K', 3, 4})).isEqualTo(UploadKind.ZIP);
        assertThat(UploadKind.sniff(new byte[] {'P', 'K', 3})).isEqualTo(UploadKind.UNKNOWN);
        assertThat(UploadKind.sniff(bytes("<a", StandardCharsets.UTF_8))).isEqualTo(UploadKind.XML);
        assertThat(UploadKind.sniff(bytes("<", StandardCharsets.UTF_16LE))).isEqualTo(UploadKind.UNKNOWN);
        assertThat(UploadKind.sniff(bytes("<", StandardCharsets.UTF_16BE))).isEqualTo(UploadKind.UNKNOWN);
    }

    @Test
    void anElementNameMayStartWithAnyNonAsciiCharacter() {
        assertThat(UploadKind.sniff(new byte[] {'<', (byte) 0x80})).isEqualTo(UploadKind.XML);
        assertThat(UploadKind.sniff(new byte[] {'<', 0x7F})).isEqualTo(UploadKind.UNKNOWN);
        assertThat(UploadKind.sniff(bytes("<\u30A2/>", StandardCharsets.UTF_16BE))).isEqualTo(UploadKind.XML);
        assertThat(UploadKind.sniff(bytes("<\u30A2/>", StandardCharsets.UTF_16LE))).isEqualTo(UploadKind.XML);
    }
}
