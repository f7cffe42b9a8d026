package app.ret.adapters.files.conversion;

import static org.assertj.core.api.Assertions.assertThat;

import app.ret.adapters.files.SharedData;
import app.ret.domain.preview.ElementCensus;
import app.ret.domain.preview.ElementCount;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

class StaxElementScannerTest {
    @Test
    void namesAreCountedWithTheirShallowestDepthShallowestFirstThenMostFrequent() throws IOException {
        ElementCensus census = scan(new StaxElementScanner(),
                "<ns:library xmlns:ns='urn:x'><book><title/><author/><author/></book><book><title/></book><title/></ns:library>");

        assertThat(census.complete()).isTrue();
        assertThat(census.elements()).containsExactly(
                new ElementCount("library", 1, 1),
                new ElementCount("title", 3, 2),
                new ElementCount("book", 2, 2),
                new ElementCount("author", 2, 3));
    }

    @Test
    void malformedXmlEndsTheScanWithWhatWasSeen() throws IOException {
        ElementCensus census = scan(new StaxElementScanner(), "<a><b></c></a>");

        assertThat(census.complete()).isFalse();
        assertThat(census.elements()).extracting(ElementCount::name).containsExactly("a", "b");
    }

    /** The JDK's parser has no message for this error and threw MissingResourceException (found fuzzing the converter). */
    @Test
    void aControlCharacterInsideADtdEndsTheScanAsMalformed() throws IOException {
        ElementCensus census = scan(new StaxElementScanner(), "<!DOCTYPE r [\u0001]><r/>");

        assertThat(census.complete()).isFalse();
        assertThat(census.elements()).isEmpty();
    }

    @Test
    void theScanStopsAtItsByteBudget() throws IOException {
        String document = "<root>" + "<item/>".repeat(10_000) + "</root>";

        ElementCensus census = scan(new StaxElementScanner(1_000), document);

        assertThat(census.complete()).isFalse();
        assertThat(census.elements().get(1).count()).isBetween(100L, 1_000L / "<item/>".length());
    }

    @Test
    void newNamesBeyondTheBudgetAreNotKept() throws IOException {
        StringBuilder document = new StringBuilder("<root>");
        for (int i = 0; i < StaxElementScanner.MAX_NAMES + 10; i++) {
            document.append("<e").append(i).append("/>");
        }
        document.append("</root>");

        ElementCensus census = scan(new StaxElementScanner(), document.toString());

        assertThat(census.complete()).isFalse();
        assertThat(census.elements()).hasSize(StaxElementScanner.MAX_NAMES);
    }

    @Test
    void aRealCrossrefDepositOffersItsRepeatedRecords() throws IOException {
        try (InputStream in = Files.newInputStream(SharedData.crossref("journal_article_4.4.2.xml"))) {
            ElementCensus census = new StaxElementScanner().scan(in);

            assertThat(census.complete()).isTrue();
            assertThat(census.elements().get(0)).isEqualTo(new ElementCount("doi_batch", 1, 1));
            assertThat(census.elements()).extracting(ElementCount::name).contains("journal_article", "contributors");
        }
    }

    private static ElementCensus scan(StaxElementScanner scanner, String xml) throws IOException {
        return scanner.scan(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }
}
