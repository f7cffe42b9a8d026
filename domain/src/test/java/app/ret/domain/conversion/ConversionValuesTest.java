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
}
