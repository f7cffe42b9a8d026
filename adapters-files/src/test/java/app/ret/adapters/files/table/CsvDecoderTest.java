package app.ret.adapters.files.table;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvDecoderTest {
    private static List<List<String>> decode(byte[] bytes) {
        CsvDecoder decoder = new CsvDecoder();
        List<List<String>> rows = new ArrayList<>();
        for (byte b : bytes) {
            if (decoder.accept(b)) {
                rows.add(decoder.takeRow());
            }
        }
        if (decoder.finish()) {
            rows.add(decoder.takeRow());
        }
        return rows;
    }

    private static List<List<String>> decode(String csv) {
        return decode(csv.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void quotedFieldsKeepCommasQuotesAndLineBreaks() {
        assertThat(decode("a,b,c\r\n\"x, y\",\"say \"\"hi\"\"\",\"two\r\nlines\"\r\n")).containsExactly(
                List.of("a", "b", "c"), List.of("x, y", "say \"hi\"", "two\r\nlines"));
    }

    @Test
    void emptyFieldsAreEmptyStringsAndALastLineWithoutLineEndIsARow() {
        assertThat(decode(",\r\n\"\",x\r\nlast,row")).containsExactly(List.of("", ""), List.of("", "x"), List.of("last", "row"));
    }

    @Test
    void aByteOrderMarkIsNotPartOfTheFirstValueButOtherMultiByteStartsAre() {
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        byte[] text = "ü,\uFFFD😀\r\n".getBytes(StandardCharsets.UTF_8);
        byte[] withBom = new byte[bom.length + text.length];
        System.arraycopy(bom, 0, withBom, 0, bom.length);
        System.arraycopy(text, 0, withBom, bom.length, text.length);

        assertThat(decode(withBom)).containsExactly(List.of("ü", "\uFFFD😀"));
        assertThat(decode("\uFFFD,x\r\n")).containsExactly(List.of("\uFFFD", "x"));
    }

    @Test
    void nothingIsNoRow() {
        assertThat(decode("")).isEmpty();
    }
}
