package app.ret.adapters.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.ret.domain.conversion.ConversionFailure;
import app.ret.domain.conversion.ConversionFailureCode;
import app.ret.domain.conversion.ConversionOptions;
import app.ret.domain.conversion.ConversionResult;
import app.ret.domain.conversion.ConversionSummary;
import app.ret.ports.out.Converter;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicCsvFileWriterTest {
    @TempDir
    Path spillDirectory;

    @TempDir
    Path outputDirectory;

    private AtomicCsvFileWriter writer() {
        return new AtomicCsvFileWriter(new StaxCsvConverter(spillDirectory));
    }

    private static InputStream xml(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    private List<Path> filesInOutputDirectory() throws IOException {
        try (Stream<Path> files = Files.list(outputDirectory)) {
            return files.toList();
        }
    }

    @Test
    void aConvertedDocumentAppearsCompleteUnderTheTargetName() throws IOException {
        Path target = outputDirectory.resolve("books.csv");

        ConversionResult result = writer().convert(xml("<r><b>1</b><b>2</b></r>"), target, ConversionOptions.DEFAULTS);

        assertThat(result).isEqualTo(new ConversionSummary(2, 1, 13));
        assertThat(Files.readString(target)).isEqualTo("#text\r\n1\r\n2\r\n");
        assertThat(filesInOutputDirectory()).containsExactly(target);
    }

    @Test
    void aRefusedDocumentLeavesNoFile() throws IOException {
        Path target = outputDirectory.resolve("broken.csv");

        ConversionResult result = writer().convert(xml("<r><b>1</b><b>2</r>"), target, ConversionOptions.DEFAULTS);

        assertThat(result).isInstanceOfSatisfying(ConversionFailure.class,
                failure -> assertThat(failure.code()).isEqualTo(ConversionFailureCode.INVALID_XML));
        assertThat(filesInOutputDirectory()).isEmpty();
    }

    @Test
    void aRefusedDocumentKeepsAnEarlierFileAsItWas() throws IOException {
        Path target = Files.writeString(outputDirectory.resolve("kept.csv"), "earlier");

        writer().convert(xml("<r/>"), target, ConversionOptions.DEFAULTS);

        assertThat(Files.readString(target)).isEqualTo("earlier");
        assertThat(filesInOutputDirectory()).containsExactly(target);
    }

    @Test
    void aSuccessfulConversionReplacesAnEarlierFile() throws IOException {
        Path target = Files.writeString(outputDirectory.resolve("replaced.csv"), "earlier");

        writer().convert(xml("<r><b>new</b></r>"), target, ConversionOptions.DEFAULTS);

        assertThat(Files.readString(target)).isEqualTo("#text\r\nnew\r\n");
    }

    @Test
    void aConverterThatFailsHalfwayLeavesNoPartialFile() throws IOException {
        Converter failingHalfway = new Converter() {
            @Override
            public ConversionResult convert(InputStream xml, OutputStream csv, ConversionOptions options) throws IOException {
                csv.write("a,b\r\n1,".getBytes(StandardCharsets.UTF_8));
                throw new IOException("source vanished");
            }

            @Override
            public String version() {
                return "failing";
            }
        };
        Path target = outputDirectory.resolve("partial.csv");

        assertThatThrownBy(() -> new AtomicCsvFileWriter(failingHalfway).convert(xml("<r/>"), target, ConversionOptions.DEFAULTS))
                .hasMessage("source vanished");
        assertThat(filesInOutputDirectory()).isEmpty();
    }
}
