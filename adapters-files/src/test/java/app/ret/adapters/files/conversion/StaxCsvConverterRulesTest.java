package app.ret.adapters.files.conversion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.ret.domain.conversion.ConversionFailureCode;
import app.ret.domain.conversion.ConversionOptions;
import app.ret.domain.conversion.RecordSelector;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each rule of CONVERSION.md on a document small enough to state the expected CSV exactly. */
class StaxCsvConverterRulesTest {
    private static final ConversionOptions AUTO = ConversionOptions.DEFAULTS;

    @TempDir
    Path spillDirectory;

    private ConversionRun convert(String xml, ConversionOptions options) {
        return ConversionRun.of(new StaxCsvConverter(spillDirectory), xml, options);
    }

    private ConversionRun convert(String xml) {
        return convert(xml, AUTO);
    }

    private static ConversionOptions records(String localName) {
        return AUTO.withRecord(RecordSelector.parse(localName));
    }

    @AfterEach
    void spillFilesAreAlwaysDeleted() throws IOException {
        try (var left = Files.list(spillDirectory)) {
            assertThat(left).isEmpty();
        }
    }

    @Nested
    class Columns {
        @Test
        void attributesComeWhenTheirElementStartsAndTextWhenItEnds() {
            ConversionRun run = convert("<r><rec id=\"1\"><a x=\"ax\">at</a></rec><rec id=\"2\"/></r>");

            assertThat(run.csv()).isEqualTo("@id,a@x,a\r\n1,ax,at\r\n2,,\r\n");
        }

        @Test
        void repeatedSiblingsGetTheirOccurrenceFromTheSecondOn() {
            ConversionRun run = convert("<r><p><n><s>A</s></n><n><s>B</s><s>C</s></n></p><p><n><s>D</s></n></p></r>");

            assertThat(run.csv()).isEqualTo("n.s,n[2].s,n[2].s[2]\r\nA,B,C\r\nD,,\r\n");
        }

        @Test
        void theRecordsOwnTextIsHashTextAndMixedContentKeepsItsDirectText() {
            ConversionRun run = convert("<r><rec>hello <b>bold</b>  world </rec><rec>x</rec></r>");

            assertThat(run.csv()).isEqualTo("b,#text\r\nbold,hello   world\r\n,x\r\n");
        }

        @Test
        void namespacesAreDroppedExceptTheXmlPrefixAndDeclarationsAreNoColumns() {
            ConversionRun run = convert("<r xmlns=\"urn:a\" xmlns:p=\"urn:p\"><rec xml:lang=\"en\" p:kind=\"k\">"
                    + "<p:t>1</p:t><t xmlns=\"urn:other\">2</t></rec><rec/></r>");

            assertThat(run.csv()).isEqualTo("@xml:lang,@kind,t,t[2]\r\nen,k,1,2\r\n,,,\r\n");
        }

        @Test
        void cdataIsTextWhileCommentsAndProcessingInstructionsAreIgnored() {
            ConversionRun run = convert("<r><rec><a><![CDATA[x<y]]><!-- note -->z<?pi data?></a></rec></r>");

            assertThat(run.csv()).isEqualTo("a\r\nx<yz\r\n");
        }

        @Test
        void textIsTrimmedAndWhitespaceOnlyTextIsNoValue() {
            ConversionRun run = convert("<r><rec><a>\n\t  two  words \r\n</a><b>  \n </b></rec></r>");

            assertThat(run.csv()).isEqualTo("a\r\ntwo  words\r\n");
        }

        @Test
        void columnsAreNumberedByFirstAppearanceAcrossTheFileAndMissingOnesAreEmpty() {
            ConversionRun run = convert("<r><rec><a>1</a></rec><rec><b>2</b><a>3</a></rec><rec><c>4</c></rec></r>");

            assertThat(run.csv()).isEqualTo("a,b,c\r\n1,,\r\n3,2,\r\n,,4\r\n");
            assertThat(run.summary().rows()).isEqualTo(3);
            assertThat(run.summary().columns()).isEqualTo(3);
            assertThat(run.summary().bytesWritten()).isEqualTo(run.output().length);
        }

        @Test
        void anEmptyAttributeIsStillAColumn() {
            assertThat(convert("<r><rec a=\"\"><b>1</b></rec></r>").csv()).isEqualTo("@a,b\r\n,1\r\n");
        }

        @Test
        void whenTwoPathsShareAColumnNameTheFirstValueIsKept() {
            ConversionRun run = convert("<r xmlns:p=\"urn:p\" xmlns:q=\"urn:q\"><rec p:id=\"1\" q:id=\"2\">"
                    + "<a.b>dotted</a.b><a><b>nested</b></a></rec></r>");

            assertThat(run.csv()).isEqualTo("@id,a.b\r\n1,dotted\r\n");
        }

        @Test
        void valuesAreNeverTruncated() {
            String huge = "v".repeat(3 * 1024 * 1024);
            ConversionRun run = convert("<r><rec><a>" + huge + "</a><a x=\"" + huge + "\"/></rec></r>");

            assertThat(run.value(0, "a")).isEqualTo(huge);
            assertThat(run.value(0, "a[2]@x")).isEqualTo(huge);
        }
    }

    @Nested
    class Records {
        @Test
        void autoTakesTheMostFrequentRepeatedRootChildAndIgnoresTheOthers() {
            ConversionRun run = convert("<r><meta k=\"v\">m</meta><x>1</x><y>a</y><y>b</y><y>c</y><x>2</x></r>");

            assertThat(run.csv()).isEqualTo("#text\r\na\r\nb\r\nc\r\n");
        }

        @Test
        void autoBreaksATieWithTheNameSeenFirst() {
            ConversionRun run = convert("<r><h/><x><v>1</v></x><y><w>a</w></y><y><w>b</w></y><x><v>2</v></x></r>");

            assertThat(run.csv()).isEqualTo("v\r\n1\r\n2\r\n");
        }

        @Test
        void autoTakesColumnsOnlyFromTheChosenRecords() {
            ConversionRun run = convert("<r><head><id>7</id></head><item><b>1</b></item><item><a>2</a><b>3</b></item></r>");

            assertThat(run.csv()).isEqualTo("b,a\r\n1,\r\n3,2\r\n");
        }

        @Test
        void autoWithoutRepeatedNamesMakesEveryRootChildARecord() {
            ConversionRun run = convert("<doi_batch a=\"ignored\"><head><id>1</id></head><body><n>2</n><id>3</id></body></doi_batch>");

            assertThat(run.csv()).isEqualTo("id,n\r\n1,\r\n3,2\r\n");
        }

        @Test
        void autoWithoutRepeatedRootChildrenTakesTheContentItemsThatHoldDoiData() {
            ConversionRun run = convert("<batch><head><id>1</id></head><body><journal><meta><doi_data><doi>m</doi></doi_data></meta>"
                    + "<issue><article><t>a</t><doi_data><doi>1</doi></doi_data></article></issue>"
                    + "<article><t>b</t><doi_data><doi>2</doi></doi_data></article></journal></body></batch>");

            assertThat(run.csv()).isEqualTo("t,doi_data.doi\r\na,1\r\nb,2\r\n");
        }

        @Test
        void autoTakesOnlyOutermostContentItemsAndBreaksATieWithTheNameSeenLast() {
            ConversionRun run = convert("<batch><head/><body><proceedings><doi_data><doi>p</doi></doi_data>"
                    + "<paper><doi_data><doi>1</doi></doi_data></paper></proceedings></body></batch>");

            assertThat(run.csv()).as("the container holds doi_data, its paper is nested: only the container is outermost")
                    .isEqualTo("doi_data.doi,paper.doi_data.doi\r\np,1\r\n");

            ConversionRun siblings = convert("<batch><head/><body><meta><doi_data><doi>m</doi></doi_data></meta>"
                    + "<paper><doi_data><doi>1</doi></doi_data></paper></body></batch>");
            assertThat(siblings.csv()).isEqualTo("doi_data.doi\r\n1\r\n");
        }

        @Test
        void autoConvertsContentItemsExactlyAsWhenTheyAreNamed() {
            String xml = "<batch><head/><body><a><x>1</x><doi_data/></a><wrap><a><a><y>2</y></a><doi_data/></a></wrap></body></batch>";

            assertThat(convert(xml).csv()).isEqualTo(convert(xml, records("a")).csv()).isEqualTo("x,a.y\r\n1,\r\n,2\r\n");
        }

        @Test
        void repeatedRootChildrenWinOverContentItems() {
            ConversionRun run = convert("<r><item><doi_data>1</doi_data></item><item><doi_data>2</doi_data></item></r>");

            assertThat(run.csv()).isEqualTo("doi_data\r\n1\r\n2\r\n");
        }

        @Test
        void byNameFindsRecordsAtAnyDepthButNotInsideAnotherRecord() {
            ConversionRun run = convert(
                    "<r><g><item id=\"1\"><item>inner</item></item></g><item id=\"2\">2</item><other>x</other></r>",
                    records("item"));

            assertThat(run.csv()).isEqualTo("@id,item,#text\r\n1,inner,\r\n2,,2\r\n");
        }

        @Test
        void byNameMatchesLocalNamesInAnyNamespace() {
            ConversionRun run = convert("<r xmlns:a=\"urn:a\"><a:item>1</a:item><item xmlns=\"urn:b\">2</item></r>", records("item"));

            assertThat(run.csv()).isEqualTo("#text\r\n1\r\n2\r\n");
        }

        @Test
        void aRootWithoutElementChildrenHasNoRecords() {
            ConversionRun run = convert("<r a=\"1\">only text</r>");

            assertThat(run.failure().code()).isEqualTo(ConversionFailureCode.NO_RECORDS);
            assertThat(run.failure().code().wireName()).isEqualTo("no_records");
            assertThat(run.output()).isEmpty();
        }

        @Test
        void anAbsentRecordNameHasNoRecords() {
            ConversionRun run = convert("<r><a>1</a><a>2</a></r>", records("journal_article"));

            assertThat(run.failure().code()).isEqualTo(ConversionFailureCode.NO_RECORDS);
            assertThat(run.failure().message()).contains("journal_article");
            assertThat(run.output()).isEmpty();
        }

        @Test
        void recordsWithoutAnyValueAreEmptyRows() {
            assertThat(convert("<r><a/><a/></r>").csv()).isEqualTo("\r\n\r\n\r\n");
        }
    }

    @Nested
    class CsvOutput {
        @Test
        void quotesOnlyWhatNeedsQuotingAndDoublesQuotes() {
            ConversionRun run = convert("<r><rec><a>plain</a><b>x,y</b><c>say \"hi\"</c><d>one\ntwo</d><e>cr&#13;&#10;lf</e></rec></r>");

            assertThat(run.csv()).isEqualTo("a,b,c,d,e\r\nplain,\"x,y\",\"say \"\"hi\"\"\",\"one\ntwo\",\"cr\r\nlf\"\r\n");
        }

        @Test
        void everyValueSurvivesARoundTripThroughAnRfc4180Reader() {
            List<String> values = List.of("a,b", "\"quoted\"", "line\nfeed", "cr\rreturn", "both\r\nends", "ünï € 𝄞", "''", "x\"", ",");
            StringBuilder xml = new StringBuilder("<r><rec>");
            for (String value : values) {
                xml.append("<v a=\"").append(escapeAttribute(value)).append("\"/>");
            }
            ConversionRun run = convert(xml.append("</rec></r>").toString(), AUTO.withFormulaGuard(false));

            assertThat(run.rows()).containsExactly(values);
        }

        @Test
        void isUtf8WithCrlfAndNoBomUnlessAsked() {
            ConversionRun plain = convert("<r><rec>é</rec></r>");
            ConversionRun withBom = convert("<r><rec>é</rec></r>", AUTO.withBom(true));

            assertThat(plain.output()).isEqualTo("#text\r\né\r\n".getBytes(StandardCharsets.UTF_8));
            assertThat(withBom.output()).startsWith(0xEF, 0xBB, 0xBF);
            assertThat(withBom.summary().bytesWritten()).isEqualTo(plain.output().length + 3L);
        }

        @Test
        void theFormulaGuardPrefixesValuesASpreadsheetWouldRun() {
            String xml = "<r><rec v1=\"=1+1\" v2=\"+1\" v3=\"-1\" v4=\"@SUM(A1)\" v5=\"&#9;tab\" v6=\"&#13;cr\""
                    + " v7=\"=HYPERLINK(&quot;x&quot;,&quot;y&quot;)\" v8=\"safe=1\" v9=\" =spaced\"/></r>";

            ConversionRun guarded = convert(xml);
            ConversionRun unguarded = convert(xml, AUTO.withFormulaGuard(false));

            assertThat(guarded.header()).containsExactly("@v1", "@v2", "@v3", "@v4", "@v5", "@v6", "@v7", "@v8", "@v9");
            assertThat(guarded.rows().get(0)).containsExactly(
                    "'=1+1", "'+1", "'-1", "'@SUM(A1)", "'\ttab", "'\rcr", "'=HYPERLINK(\"x\",\"y\")", "safe=1", " =spaced");
            assertThat(guarded.csv()).contains(",\"'\rcr\",\"'=HYPERLINK(\"\"x\"\",\"\"y\"\")\",");
            assertThat(unguarded.rows().get(0)).containsExactly(
                    "=1+1", "+1", "-1", "@SUM(A1)", "\ttab", "\rcr", "=HYPERLINK(\"x\",\"y\")", "safe=1", " =spaced");
        }

        @Test
        void theFormulaGuardLooksAtTheTrimmedText() {
            assertThat(convert("<r><rec><a>  -5 </a></rec></r>").value(0, "a")).isEqualTo("'-5");
        }
    }

    @Nested
    class Encodings {
        @Test
        void isoLatin1FromTheDeclarationBecomesUtf8() {
            byte[] xml = "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><r><rec>café</rec></r>"
                    .getBytes(StandardCharsets.ISO_8859_1);

            ConversionRun run = ConversionRun.of(new StaxCsvConverter(spillDirectory), xml, AUTO);

            assertThat(run.output()).isEqualTo("#text\r\ncafé\r\n".getBytes(StandardCharsets.UTF_8));
        }

        @Test
        void utf16FromTheDeclarationBecomesUtf8() {
            byte[] xml = "<?xml version=\"1.0\" encoding=\"UTF-16\"?><r><rec>中文 𝄞</rec></r>".getBytes(StandardCharsets.UTF_16);

            ConversionRun run = ConversionRun.of(new StaxCsvConverter(spillDirectory), xml, AUTO);

            assertThat(run.output()).isEqualTo("#text\r\n中文 𝄞\r\n".getBytes(StandardCharsets.UTF_8));
        }
    }

    @Nested
    class Streams {
        @Test
        void aFailingSourceIsAnIoErrorNotBadXml() {
            IOException broken = new IOException("disk gone");
            InputStream source = new InputStream() {
                private int served;

                @Override
                public int read() throws IOException {
                    if (served == 20) {
                        throw broken;
                    }
                    return "<r><rec>1</rec><rec>2</rec></r>".charAt(served++);
                }
            };
            ByteArrayOutputStream out = new ByteArrayOutputStream();

            assertThatThrownBy(() -> new StaxCsvConverter(spillDirectory).convert(source, out, AUTO)).isSameAs(broken);
            assertThat(out.size()).isZero();
        }

        @Test
        void aFailingTargetIsAnIoError() {
            OutputStream full = new OutputStream() {
                @Override
                public void write(int b) throws IOException {
                    throw new IOException("no space left");
                }

                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    throw new IOException("no space left");
                }
            };
            InputStream xml = new java.io.ByteArrayInputStream("<r><rec>1</rec></r>".getBytes(StandardCharsets.UTF_8));

            assertThatThrownBy(() -> new StaxCsvConverter(spillDirectory).convert(xml, full, AUTO))
                    .isInstanceOf(IOException.class)
                    .hasMessage("no space left");
        }

        @Test
        void neitherStreamIsClosed() throws IOException {
            boolean[] closed = new boolean[2];
            InputStream in = new java.io.ByteArrayInputStream("<r><rec>1</rec></r>".getBytes(StandardCharsets.UTF_8)) {
                @Override
                public void close() {
                    closed[0] = true;
                }
            };
            OutputStream out = new ByteArrayOutputStream() {
                @Override
                public void close() {
                    closed[1] = true;
                }
            };

            new StaxCsvConverter(spillDirectory).convert(in, out, AUTO);

            assertThat(closed).containsExactly(false, false);
        }
    }

    @Test
    void theVersionNamesTheOutputFormatAndTheAutoRule() {
        assertThat(new StaxCsvConverter(spillDirectory).version()).isEqualTo(StaxCsvConverter.VERSION).isEqualTo("stax-csv/2");
    }

    private static String escapeAttribute(String value) {
        StringBuilder escaped = new StringBuilder();
        value.codePoints().forEach(c -> {
            switch (c) {
                case '"' -> escaped.append("&quot;");
                case '&' -> escaped.append("&amp;");
                case '<' -> escaped.append("&lt;");
                case '\n', '\r', '\t' -> escaped.append("&#").append(c).append(';');
                default -> escaped.appendCodePoint(c);
            }
        });
        return escaped.toString();
    }
}
