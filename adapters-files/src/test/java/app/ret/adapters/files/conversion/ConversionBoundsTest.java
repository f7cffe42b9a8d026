package app.ret.adapters.files.conversion;

import static org.assertj.core.api.Assertions.assertThat;

import app.ret.domain.conversion.ConversionFailure;
import app.ret.domain.conversion.ConversionOptions;
import app.ret.domain.conversion.RecordSelector;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile shapes meet a bound and fail with its code instead of growing the heap: each bound is
 * shown being hit, and the largest allowed document of that shape still converting.
 */
class ConversionBoundsTest {
    private static final ConversionOptions RECORD_R = new ConversionOptions(RecordSelector.parse("r"), true, false);

    @TempDir
    Path spillDirectory;

    @AfterEach
    void nothingSpilledIsLeft() throws IOException {
        try (var left = Files.list(spillDirectory)) {
            assertThat(left).isEmpty();
        }
    }

    private ConversionRun convert(String xml, ConversionOptions options) {
        return ConversionRun.of(new StaxCsvConverter(spillDirectory), xml, options);
    }

    private ConversionFailure refused(String xml, ConversionOptions options, String code) {
        ConversionRun run = convert(xml, options);
        assertThat(run.output()).isEmpty();
        assertThat(run.failure().code().wireName()).isEqualTo(code);
        return run.failure();
    }

    private static String children(int count, String child) {
        return "<top><r>" + child.repeat(count) + "</r></top>";
    }

    @Test
    void oneRecordWithMoreChildrenThanColumnsMayExistFailsWithTooManyColumns() {
        ConversionFailure failure = refused(children(ConversionBounds.MAX_COLUMNS + 1, "<x>1</x>"), RECORD_R, "too_many_columns");

        assertThat(failure.message()).contains("more than 10000 distinct columns").contains("x[10000]");
    }

    @Test
    void theLargestAllowedNumberOfColumnsStillConverts() {
        // The record's name is one of the admitted names, so one child fewer than the bound.
        ConversionRun run = convert(children(ConversionBounds.MAX_COLUMNS - 1, "<x>1</x>"), RECORD_R);

        assertThat(run.summary().columns()).isEqualTo(ConversionBounds.MAX_COLUMNS - 1);
        assertThat(run.header()).startsWith("x", "x[2]").endsWith("x[9999]");
    }

    @Test
    void emptyRepeatedChildrenCountAlthoughTheyMakeNoColumn() {
        refused(children(ConversionBounds.MAX_COLUMNS + 1, "<x/>"), RECORD_R, "too_many_columns");
    }

    @Test
    void manyDistinctRecordNamesInAutoModeFailWithTooManyColumns() {
        StringBuilder xml = new StringBuilder("<top>");
        for (int i = 0; i <= ConversionBounds.MAX_COLUMNS; i++) {
            xml.append("<e").append(i).append("/>");
        }

        refused(xml.append("</top>").toString(), ConversionOptions.DEFAULTS, "too_many_columns");
    }

    @Test
    void manyAttributeNamesAcrossElementsFailWithTooManyColumns() {
        StringBuilder xml = new StringBuilder("<top><r>");
        for (int element = 0; element < 60; element++) {
            xml.append("<a").append(element);
            for (int attribute = 0; attribute < HardenedXmlInputFactory.MAX_ATTRIBUTES_PER_ELEMENT; attribute++) {
                xml.append(" b").append(attribute).append("=\"1\"");
            }
            xml.append("/>");
        }

        refused(xml.append("</r></top>").toString(), RECORD_R, "too_many_columns");
    }

    @Test
    void longColumnNamesCountByTheirCharacters() {
        String longName = "n".repeat(990);
        StringBuilder xml = new StringBuilder("<top><r>");
        for (int i = 0; i < 1_100; i++) {
            xml.append('<').append(longName).append(i).append("/>");
        }

        ConversionFailure failure = refused(xml.append("</r></top>").toString(), RECORD_R, "too_many_columns");

        assertThat(failure.message()).contains("1000000 characters");
    }

    @Test
    void aTextLongerThanAValueMayBeFailsWithValueTooLarge() {
        ConversionFailure failure = refused("<top><r><v>" + "x".repeat(ConversionBounds.MAX_VALUE_CHARS + 1) + "</v></r></top>",
                RECORD_R, "value_too_large");

        assertThat(failure.message()).contains("\"v\"").contains("1048576 characters");
    }

    @Test
    void aTextOfTheLargestAllowedLengthIsKeptWhole() {
        String value = "x".repeat(ConversionBounds.MAX_VALUE_CHARS);

        ConversionRun run = convert("<top><r><v>" + value + "</v></r></top>", RECORD_R);

        assertThat(run.value(0, "v")).isEqualTo(value);
    }

    @Test
    void aTextSplitByChildrenCountsAsOneValue() {
        String half = "x".repeat(ConversionBounds.MAX_VALUE_CHARS / 2 + 1);

        refused("<top><r><v>" + half + "<c/>" + half + "</v></r></top>", RECORD_R, "value_too_large");
    }

    @Test
    void anAttributeLongerThanAValueMayBeFailsWithValueTooLarge() {
        ConversionFailure failure = refused("<top><r><v a=\"" + "x".repeat(ConversionBounds.MAX_VALUE_CHARS + 1) + "\"/></r></top>",
                RECORD_R, "value_too_large");

        assertThat(failure.message()).contains("\"v@a\"");
    }

    @Test
    void aRecordWhoseValuesTogetherAreTooLongFailsWithRecordTooLarge() {
        String value = "<v>" + "x".repeat(ConversionBounds.MAX_VALUE_CHARS) + "</v>";
        int values = ConversionBounds.MAX_RECORD_CHARS / ConversionBounds.MAX_VALUE_CHARS + 1;

        ConversionFailure failure = refused("<top><r/><r>" + value.repeat(values) + "</r></top>", RECORD_R, "record_too_large");

        assertThat(failure.message()).startsWith("record 2 ");
    }

    @Test
    void recordsOfTheLargestAllowedSizeFollowingEachOtherConvert() {
        String value = "<v>" + "x".repeat(ConversionBounds.MAX_VALUE_CHARS) + "</v>";
        String record = "<r>" + value.repeat(ConversionBounds.MAX_RECORD_CHARS / ConversionBounds.MAX_VALUE_CHARS) + "</r>";

        ConversionRun run = convert("<top>" + record + record + "</top>", RECORD_R);

        assertThat(run.summary().rows()).isEqualTo(2);
    }

    @Test
    void aHugeCommentFailsWithMarkupTooLarge() {
        refused("<top><r>1</r><!--" + "x".repeat(ConversionBounds.MAX_MARKUP_UNITS) + "--></top>", RECORD_R, "markup_too_large");
    }

    @Test
    void aHugeCdataSectionFailsWithMarkupTooLarge() {
        refused("<top><r><![CDATA[" + "x".repeat(ConversionBounds.MAX_MARKUP_UNITS) + "]]></r></top>", RECORD_R, "markup_too_large");
    }

    @Test
    void aHugeProcessingInstructionFailsWithMarkupTooLarge() {
        refused("<top><?pi " + "x".repeat(ConversionBounds.MAX_MARKUP_UNITS) + "?><r>1</r></top>", RECORD_R, "markup_too_large");
    }

    @Test
    void aTagWhoseAttributesTogetherAreHugeFailsWithMarkupTooLarge() {
        StringBuilder tag = new StringBuilder("<top><r><v");
        for (int i = 0; i < 5; i++) {
            tag.append(" a").append(i).append("='").append("x".repeat(ConversionBounds.MAX_VALUE_CHARS)).append('\'');
        }

        refused(tag.append("/></r></top>").toString(), RECORD_R, "markup_too_large");
    }

    @Test
    void markupCharactersInsideQuotedAttributesDoNotEndTheTag() {
        ConversionRun run = convert("<top><r a='x>\"y' b=\"'>\">t</r><r>u<!-- > -->v<![CDATA[ > ]] ]]></r></top>", RECORD_R);

        assertThat(run.rows()).containsExactly(List.of("x>\"y", "'>", "t"), List.of("", "", "uv > ]]"));
    }

    @Test
    void aHugeCommentInUtf16IsCaughtToo() {
        Charset utf16 = StandardCharsets.UTF_16LE;
        byte[] xml = ("\uFEFF<?xml version=\"1.0\" encoding=\"UTF-16\"?><top><r>1</r><!--" + "x".repeat(ConversionBounds.MAX_MARKUP_UNITS)
                + "--></top>").getBytes(utf16);

        ConversionRun run = ConversionRun.of(new StaxCsvConverter(spillDirectory), xml, RECORD_R);

        assertThat(run.failure().code().wireName()).isEqualTo("markup_too_large");
    }

    @Test
    void longUtf16TextInterleavedWithShortMarkupConverts() {
        String value = "\u3c3c\u3e3c".repeat(200_000);
        byte[] xml = ("\uFEFF<top><r><v>" + value + "</v></r></top>").getBytes(StandardCharsets.UTF_16BE);

        ConversionRun run = ConversionRun.of(new StaxCsvConverter(spillDirectory), xml, RECORD_R);

        assertThat(run.value(0, "v")).isEqualTo(value);
    }

    @Test
    void theGuardCountsMarkupAcrossReadsOfAnyLength() throws IOException {
        InputStream source = new SequenceInputStream(
                new java.io.ByteArrayInputStream("<a b='".getBytes(StandardCharsets.US_ASCII)),
                new java.io.ByteArrayInputStream("x".repeat(20).getBytes(StandardCharsets.US_ASCII)));
        try (MarkupLengthGuard guard = new MarkupLengthGuard(source, 16)) {
            assertThat(guard.read()).isEqualTo('<');
            byte[] buffer = new byte[10];
            assertThat(guard.read(buffer, 0, 10)).isPositive();
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> guard.readAllBytes())
                    .isInstanceOf(ConversionBoundException.class).hasMessageContaining("near byte 1");
        }
    }
}
