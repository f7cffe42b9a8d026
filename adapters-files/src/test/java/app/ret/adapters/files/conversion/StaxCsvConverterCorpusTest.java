package app.ret.adapters.files.conversion;

import static org.assertj.core.api.Assertions.assertThat;

import app.ret.adapters.files.SharedData;
import app.ret.domain.conversion.ConversionFailureCode;
import app.ret.domain.conversion.ConversionOptions;
import app.ret.domain.conversion.RecordSelector;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** The shared corpus: every Crossref file and the 1 MB library export. */
class StaxCsvConverterCorpusTest {
    private static final ConversionOptions JOURNAL_ARTICLES =
            ConversionOptions.DEFAULTS.withRecord(RecordSelector.parse("journal_article"));

    @TempDir
    Path spillDirectory;

    private StaxCsvConverter converter() {
        return new StaxCsvConverter(spillDirectory);
    }

    @AfterEach
    void spillFilesAreAlwaysDeleted() throws IOException {
        try (var left = Files.list(spillDirectory)) {
            assertThat(left).isEmpty();
        }
    }

    static List<Path> everyCorpusFile() {
        return SharedData.everyCorpusFile();
    }

    static List<Path> crossrefFiles() {
        return SharedData.crossrefFiles();
    }

    @ParameterizedTest
    @MethodSource("everyCorpusFile")
    void autoRecordsMatchTheReferenceReading(Path xml) {
        ConversionRun run = ConversionRun.of(converter(), xml, ConversionOptions.DEFAULTS);
        ReferenceConversion.Table expected = ReferenceConversion.of(xml, RecordSelector.AUTO, true);

        assertThat(run.header()).isEqualTo(expected.header());
        assertThat(run.rows()).isEqualTo(expected.rows());
        assertThat(run.summary().rows()).isEqualTo(expected.rows().size());
        assertThat(run.summary().columns()).isEqualTo(expected.header().size());
        assertThat(run.summary().bytesWritten()).isEqualTo(run.output().length);
    }

    @ParameterizedTest
    @CsvSource({
            "journal_article_4.4.2.xml, journal_article, 2",
            "conf_single_4.4.2.xml, conference_paper, 1",
            "conf_series_4.4.2.xml, conference_paper, 1",
            "book_4.4.2.xml, content_item, 1",
            "dissertation_4.4.2.xml, dissertation, 2",
            "journal_title_4.4.2.xml, journal_metadata, 1"})
    void crossrefDepositsInAutoModeHaveOneRowPerContentItem(String file, String contentItem, long rows) {
        Path xml = SharedData.crossref(file);
        ConversionRun auto = ConversionRun.of(converter(), xml, ConversionOptions.DEFAULTS);
        ConversionRun byName = ConversionRun.of(converter(), xml, ConversionOptions.DEFAULTS.withRecord(RecordSelector.parse(contentItem)));

        assertThat(auto.summary().rows()).isEqualTo(rows);
        assertThat(auto.csv()).as("auto converts exactly as record: " + contentItem).isEqualTo(byName.csv());
        assertThat(auto.header()).doesNotContain("doi_batch_id", "depositor.depositor_name");
    }

    @Test
    void aResourceOnlyDepositInAutoModeHasTheRowsHeadAndBody() {
        ConversionRun run = ConversionRun.of(converter(), SharedData.crossref("resource_funding_4.4.2.xml"), ConversionOptions.DEFAULTS);

        assertThat(run.summary().rows()).isEqualTo(2);
        assertThat(run.header()).contains("doi_batch_id", "depositor.depositor_name");
    }

    @ParameterizedTest
    @MethodSource("crossrefFiles")
    void journalArticlesByNameMatchTheReferenceReading(Path xml) throws IOException {
        ConversionRun run = ConversionRun.of(converter(), xml, JOURNAL_ARTICLES);
        ReferenceConversion.Table expected = ReferenceConversion.of(xml, JOURNAL_ARTICLES.record(), true);
        long articles = countOpeningTags(xml, "journal_article");

        if (articles == 0) {
            assertThat(run.failure().code()).isEqualTo(ConversionFailureCode.NO_RECORDS);
            assertThat(run.output()).isEmpty();
        } else {
            assertThat(run.summary().rows()).isEqualTo(articles);
            assertThat(run.header()).isEqualTo(expected.header());
            assertThat(run.rows()).isEqualTo(expected.rows());
        }
    }

    @ParameterizedTest
    @MethodSource("everyCorpusFile")
    void aSecondRunWritesTheSameBytes(Path xml) {
        for (ConversionOptions options : List.of(ConversionOptions.DEFAULTS, JOURNAL_ARTICLES.withBom(true))) {
            ConversionRun first = ConversionRun.of(converter(), xml, options);
            ConversionRun second = ConversionRun.of(converter(), xml, options);

            assertThat(second.result()).isEqualTo(first.result());
            assertThat(second.output()).isEqualTo(first.output());
        }
    }

    @Test
    void theLibraryHasOneRowPerBookWithTheFiveBookFields() throws IOException {
        ConversionRun run = ConversionRun.of(converter(), SharedData.library(), ConversionOptions.DEFAULTS);

        assertThat(run.header()).containsExactly("title", "author", "genre", "year", "publisher");
        assertThat(run.summary().rows()).isEqualTo(countOpeningTags(SharedData.library(), "book")).isGreaterThan(1000);
        assertThat(run.rows()).allSatisfy(row -> assertThat(row).hasSize(5).doesNotContain(""));
        assertThat(run.rows().get(0))
                .containsExactly("Velit eius rerum aliquam est.", "Norma Haley", "totam", "1970", "https://examplefile.com");
    }

    @Test
    void journalArticlesHaveTheirPathsAsColumns() {
        ConversionRun run = ConversionRun.of(converter(), SharedData.crossref("journal_article_4.4.2.xml"), JOURNAL_ARTICLES);

        assertThat(run.summary().rows()).isEqualTo(2);
        assertThat(run.header()).contains(
                "@publication_type",
                "titles.title",
                "contributors.person_name.given_name",
                "contributors.person_name.surname",
                "contributors.person_name[2].surname",
                "contributors.person_name@sequence",
                "publication_date@media_type",
                "publication_date[2]@media_type",
                "doi_data.doi");
        assertThat(run.header()).doesNotContain("journal_article.titles.title", "jats:abstract.jats:p");
        assertThat(run.header()).containsSubsequence(
                "contributors.person_name@sequence",
                "contributors.person_name.given_name",
                "contributors.person_name[2]@sequence");
        assertThat(run.value(0, "titles.title"))
                .isEqualTo("When your best metadata isn't good enough: working with an imperfect specification");
        assertThat(run.value(0, "contributors.person_name.given_name")).isEqualTo("Minerva");
        assertThat(run.value(0, "contributors.person_name[2].surname")).isEqualTo("Carberry");
        assertThat(run.value(0, "publication_date@media_type")).isEqualTo("online");
        assertThat(run.value(0, "publication_date[2]@media_type")).isEqualTo("print");
        assertThat(run.value(0, "doi_data.doi")).isEqualTo("10.32013/12345678");
        assertThat(run.value(0, "abstract.p")).startsWith("Agile best practices").endsWith("big data venture philanthropy.");
    }

    private static long countOpeningTags(Path xml, String localName) throws IOException {
        String text = Files.readString(xml, StandardCharsets.UTF_8);
        Matcher tags = Pattern.compile("<(?:[\\w.-]+:)?" + Pattern.quote(localName) + "[\\s/>]").matcher(text);
        long count = 0;
        while (tags.find()) {
            count++;
        }
        return count;
    }
}
