package app.ret.domain.conversion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The domain values the converter speaks in (domain has no test sources of its own yet). */
class ConversionValuesTest {
    @Test
    void defaultsAreAutoRecordsWithTheFormulaGuardAndNoBom() {
        assertThat(ConversionOptions.DEFAULTS.record()).isEqualTo(RecordSelector.AUTO);
        assertThat(ConversionOptions.DEFAULTS.formulaGuard()).isTrue();
        assertThat(ConversionOptions.DEFAULTS.bom()).isFalse();
    }

    @Test
    void theRecordWireValueIsAutoOrALocalName() {
        assertThat(RecordSelector.parse("auto")).isEqualTo(RecordSelector.AUTO);
        assertThat(RecordSelector.parse("journal_article")).isEqualTo(new RecordSelector.ByName("journal_article"));
        assertThat(RecordSelector.parse("journal_article").wireValue()).isEqualTo("journal_article");
    }

    @Test
    void aRecordNameMustBeALocalName() {
        for (String invalid : new String[] {"", " ", "jats:p", "a b", "1st", "<x>", "x".repeat(1001)}) {
            assertThatThrownBy(() -> RecordSelector.parse(invalid))
                    .as(invalid)
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void theCanonicalFormTellsEveryOptionApart() {
        assertThat(ConversionOptions.DEFAULTS.canonicalForm()).isEqualTo("record=auto;formula_guard=true;bom=false");
        assertThat(ConversionOptions.DEFAULTS.withRecord(new RecordSelector.ByName("auto")).canonicalForm())
                .isEqualTo("record=element:auto;formula_guard=true;bom=false");
        assertThat(ConversionOptions.DEFAULTS.withFormulaGuard(false).withBom(true).canonicalForm())
                .isEqualTo("record=auto;formula_guard=false;bom=true");
    }

    @Test
    void summariesAndFailuresValidateThemselves() {
        assertThatThrownBy(() -> new ConversionSummary(0, 1, 10)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ConversionSummary(1, -1, 10)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ConversionFailure(ConversionFailureCode.INVALID_XML, " "))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(ConversionFailure.invalidXml(3, 7, "broken").message()).isEqualTo("line 3, column 7: broken");
        assertThat(ConversionFailureCode.NO_RECORDS.wireName()).isEqualTo("no_records");
    }

    @Test
    void aCsvHasAtLeastOneRowAndMayHaveNoColumnsOrBytes() {
        assertThat(new ConversionSummary(1, 0, 0).rows()).isEqualTo(1);
        assertThatThrownBy(() -> new ConversionSummary(1, 0, -1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aDocumentWithoutRecordsSaysWhatWasLookedFor() {
        assertThat(ConversionFailure.noRecords(RecordSelector.parse("book")))
                .isEqualTo(new ConversionFailure(ConversionFailureCode.NO_RECORDS, "no records found: no element named \"book\""));
        assertThat(ConversionFailure.noRecords(RecordSelector.AUTO).message())
                .isEqualTo("no records found: the root element has no element children");
    }

    @Test
    void aRecordNameHasAtMostOneThousandCharacters() {
        assertThat(RecordSelector.parse("r".repeat(1000)).wireValue()).hasSize(1000);
        assertThatThrownBy(() -> RecordSelector.parse("r".repeat(1001))).isInstanceOf(IllegalArgumentException.class);
        assertThat(RecordSelector.AUTO.wireValue()).isEqualTo("auto");
    }

    @Test
    void outputFormatsAreNamedByTheirExtension() {
        assertThat(OutputFormat.parse("csv")).contains(OutputFormat.CSV);
        assertThat(OutputFormat.parse("xlsx")).contains(OutputFormat.XLSX);
        assertThat(OutputFormat.parse("XLSX")).isEmpty();
        assertThat(OutputFormat.XLSX.extension()).isEqualTo("xlsx");
    }
}
