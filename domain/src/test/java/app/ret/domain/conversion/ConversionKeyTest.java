package app.ret.domain.conversion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.ret.domain.user.Username;
import org.junit.jupiter.api.Test;

class ConversionKeyTest {
    private static final String SHA = "a".repeat(64);
    private static final Username ALICE = new Username("alice");

    @Test
    void theMaterialNamesOwnerInputOptionsAndConverter() {
        assertThat(ConversionKey.material(ALICE, SHA, ConversionOptions.DEFAULTS, "stax-csv/1"))
                .isEqualTo("owner=alice\ninput=" + SHA + "\nrecord=auto;formula_guard=true;bom=false\nconverter=stax-csv/1");
    }

    @Test
    void everyPartChangesTheMaterial() {
        String base = ConversionKey.material(ALICE, SHA, ConversionOptions.DEFAULTS, "v1");
        assertThat(ConversionKey.material(new Username("bob"), SHA, ConversionOptions.DEFAULTS, "v1"))
                .as("another user's key for the same bytes").isNotEqualTo(base);
        assertThat(ConversionKey.material(ALICE, "b".repeat(64), ConversionOptions.DEFAULTS, "v1")).isNotEqualTo(base);
        assertThat(ConversionKey.material(ALICE, SHA, ConversionOptions.DEFAULTS.withFormulaGuard(false), "v1")).isNotEqualTo(base);
        assertThat(ConversionKey.material(ALICE, SHA, ConversionOptions.DEFAULTS.withRecord(RecordSelector.parse("book")), "v1")).isNotEqualTo(base);
        assertThat(ConversionKey.material(ALICE, SHA, ConversionOptions.DEFAULTS, "v2")).isNotEqualTo(base);
    }

    @Test
    void keysAndTheirPartsAreValidated() {
        assertThat(new ConversionKey("0".repeat(64)).value()).hasSize(64);
        assertThatThrownBy(() -> new ConversionKey("0".repeat(63))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ConversionKey("G".repeat(64))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ConversionKey.material(ALICE, "short", ConversionOptions.DEFAULTS, "v1")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ConversionKey.material(ALICE, SHA, ConversionOptions.DEFAULTS, "v1\nrecord=x")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aWorkbookIsKeyedByItsCsvAndTheWritersVersion() {
        ConversionKey csv = new ConversionKey("0".repeat(64));
        assertThat(ConversionKey.workbookMaterial(csv, "fastexcel/1")).isEqualTo("workbook-of=" + "0".repeat(64) + "\nwriter=fastexcel/1");
        assertThat(csv).hasToString("0".repeat(64));
        for (String bad : new String[] {null, " ", "v1\nx"}) {
            assertThatThrownBy(() -> ConversionKey.workbookMaterial(csv, bad)).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
