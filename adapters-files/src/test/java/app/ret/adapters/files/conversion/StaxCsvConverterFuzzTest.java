package app.ret.adapters.files.conversion;

import static org.assertj.core.api.Assertions.assertThat;

import app.ret.domain.conversion.ConversionFailure;
import app.ret.domain.conversion.ConversionOptions;
import app.ret.domain.conversion.ConversionSummary;
import app.ret.domain.conversion.RecordSelector;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.code_intelligence.jazzer.junit.Lifecycle;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * The XML → CSV converter under arbitrary documents (ADR 0017). Seeds in {@code StaxCsvConverterFuzzTestInputs}:
 * the shared Crossref samples, the library export's head, and hostile shapes. Long run of one target:
 * {@code JAZZER_FUZZ=1 JAZZER_MAX_DURATION=10m mvn -B -pl adapters-files -am test -Dtest='StaxCsvConverterFuzzTest#autoRecords' -Dsurefire.failIfNoSpecifiedTests=false}.
 */
class StaxCsvConverterFuzzTest {
    private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    private Path spill;
    private StaxCsvConverter converter;

    /** Per input (the fuzz tests' lifecycle is per execution), so a spill file left behind is blamed on the input that left it. */
    @BeforeEach
    void createSpillDirectory() throws IOException {
        spill = Files.createTempDirectory("ret-convert-fuzz-");
        converter = new StaxCsvConverter(spill);
    }

    @AfterEach
    void removeSpillDirectory() throws IOException {
        try (Stream<Path> left = Files.list(spill)) {
            assertThat(left).as("spill files left behind").isEmpty();
        }
        Files.delete(spill);
    }

    /** Any bytes with the default options ({@code record: auto}, formula guard on). */
    @FuzzTest(lifecycle = Lifecycle.PER_EXECUTION)
    void autoRecords(byte[] xml) {
        convertAndCheck(xml, ConversionOptions.DEFAULTS);
    }

    /**
     * The first line names the record element, the rest is the document; a first line that is no
     * XML local name converts the whole input by {@code auto} with a BOM and without the guard.
     */
    @FuzzTest(lifecycle = Lifecycle.PER_EXECUTION)
    void namedRecords(byte[] input) {
        int newline = indexOf(input, (byte) '\n');
        Optional<RecordSelector> named = newline < 0 ? Optional.empty()
                : recordNamed(new String(input, 0, newline, StandardCharsets.UTF_8));
        if (named.isPresent()) {
            convertAndCheck(Arrays.copyOfRange(input, newline + 1, input.length), ConversionOptions.DEFAULTS.withRecord(named.get()));
        } else {
            convertAndCheck(input, new ConversionOptions(RecordSelector.AUTO, false, true));
        }
    }

    /**
     * The converter's contract: bad input is a {@link ConversionFailure} with nothing written,
     * never an exception; a CSV parses back as RFC 4180 with every row as wide as the header and
     * as many rows and bytes as the summary says; with the guard no value starts a formula.
     */
    private void convertAndCheck(byte[] xml, ConversionOptions options) {
        ConversionRun run = ConversionRun.of(converter, xml, options);

        if (run.result() instanceof ConversionFailure) {
            assertThat(run.output()).isEmpty();
            return;
        }
        ConversionSummary summary = run.summary();
        assertThat(summary.bytesWritten()).isEqualTo(run.output().length);
        byte[] csv = run.output();
        if (options.bom()) {
            assertThat(Arrays.copyOf(csv, BOM.length)).isEqualTo(BOM);
            csv = Arrays.copyOfRange(csv, BOM.length, csv.length);
        }
        List<List<String>> table = CsvTestReader.parse(new String(csv, StandardCharsets.UTF_8));
        assertThat(table).hasSize((int) summary.rows() + 1);
        List<String> header = table.get(0);
        assertThat(header).hasSize(Math.max(1, summary.columns())).doesNotHaveDuplicates();
        for (List<String> row : table) {
            assertThat(row).hasSameSizeAs(header);
        }
        if (options.formulaGuard()) {
            table.subList(1, table.size()).forEach(row -> assertThat(row).noneMatch(StaxCsvConverterFuzzTest::startsFormula));
        }
    }

    private static boolean startsFormula(String value) {
        return !value.isEmpty() && "=+-@\t\r＝＋－＠".indexOf(value.charAt(0)) >= 0;
    }

    private static Optional<RecordSelector> recordNamed(String name) {
        try {
            return Optional.of(new RecordSelector.ByName(name));
        } catch (IllegalArgumentException notALocalName) {
            return Optional.empty();
        }
    }

    private static int indexOf(byte[] bytes, byte wanted) {
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == wanted) {
                return i;
            }
        }
        return -1;
    }
}
