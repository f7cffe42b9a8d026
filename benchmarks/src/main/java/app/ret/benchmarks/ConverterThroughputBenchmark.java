package app.ret.benchmarks;

import app.ret.adapters.files.conversion.StaxCsvConverter;
import app.ret.domain.conversion.ConversionOptions;
import app.ret.domain.conversion.ConversionResult;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.Blackhole;

/**
 * P5: the converter against a bare StAX pass over the same file (every event read, nothing
 * written). One operation is one whole document, so time per operation gives MB/s.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class ConverterThroughputBenchmark {
    /** A corpus prepared by {@link P5ConverterReport}; when empty, one is generated from {@link #sharedData}. */
    @Param("")
    public String input;

    @Param("../shared/data")
    public String sharedData;

    private Path corpus;
    private Path csv;
    private boolean generatedHere;
    private final StaxCsvConverter converter = new StaxCsvConverter();

    @Setup(Level.Trial)
    public void prepare() throws IOException {
        generatedHere = input.isEmpty();
        corpus = generatedHere
                ? P5Corpus.generate(Path.of(sharedData), Files.createTempFile("p5-corpus-", ".xml"))
                : Path.of(input);
        csv = Files.createTempFile("p5-output-", ".csv");
    }

    @TearDown(Level.Trial)
    public void cleanUp() throws IOException {
        Files.deleteIfExists(csv);
        if (generatedHere) {
            Files.deleteIfExists(corpus);
        }
    }

    @Benchmark
    public void bareStaxPass(Blackhole events) throws IOException, XMLStreamException {
        try (InputStream in = Files.newInputStream(corpus)) {
            XMLStreamReader reader = XMLInputFactory.newDefaultFactory().createXMLStreamReader(in);
            while (reader.hasNext()) {
                events.consume(reader.next());
            }
            reader.close();
        }
    }

    @Benchmark
    public ConversionResult staxCsvConverter() throws IOException {
        try (InputStream in = Files.newInputStream(corpus); OutputStream out = Files.newOutputStream(csv)) {
            return converter.convert(in, out, ConversionOptions.DEFAULTS);
        }
    }
}
