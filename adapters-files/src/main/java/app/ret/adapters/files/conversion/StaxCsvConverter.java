package app.ret.adapters.files.conversion;

import app.ret.domain.conversion.ConversionFailure;
import app.ret.domain.conversion.ConversionFailureCode;
import app.ret.domain.conversion.ConversionOptions;
import app.ret.domain.conversion.ConversionResult;
import app.ret.domain.conversion.ConversionSummary;
import app.ret.domain.conversion.RecordSelector;
import app.ret.ports.out.Converter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.MissingResourceException;
import java.util.Objects;
import java.util.Optional;
import javax.xml.stream.Location;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * XML → CSV by the rules of CONVERSION.md, in one StAX pass: fields are spilled to a temporary
 * file while the columns are discovered, then laid out under the header. Heap use depends on the
 * number of distinct columns and the largest value and record, never on the number of rows, and
 * each of those is bounded ({@link ConversionBounds}): a document past a bound fails with its code.
 *
 * <p>Where the specification leaves a choice:
 * <ul>
 *   <li>two paths with the same column name in one record (an element {@code a.b} beside
 *       {@code a/b}, or {@code p:id} beside {@code q:id}) share the column; the first value wins;
 *   <li>attribute values are written as the parser normalised them, not trimmed, and an empty
 *       attribute is still a column;
 *   <li>header cells are column names as they are: XML names cannot hold a formula payload, and
 *       a guarded {@code @attr} would no longer be the column's name;
 *   <li>the refusal message is the JDK parser's, after the line and column.
 * </ul>
 */
public final class StaxCsvConverter implements Converter {
    /** Bump whenever the same input and options could give other bytes: it invalidates cached CSVs. */
    public static final String VERSION = "stax-csv/3";

    private static final String PARSER_MESSAGE_MARKER = "Message: ";

    private final Path spillDirectory;

    /** Spills to the system temporary directory. */
    public StaxCsvConverter() {
        this(Path.of(System.getProperty("java.io.tmpdir")));
    }

    public StaxCsvConverter(Path spillDirectory) {
        this.spillDirectory = Objects.requireNonNull(spillDirectory, "spillDirectory");
    }

    @Override
    public String version() {
        return VERSION;
    }

    @Override
    public ConversionResult convert(InputStream xml, OutputStream csv, ConversionOptions options) throws IOException {
        Objects.requireNonNull(xml, "xml");
        Objects.requireNonNull(csv, "csv");
        Objects.requireNonNull(options, "options");
        if (options.record() instanceof RecordSelector.ByName) {
            return convertUnlessContentItems(xml, csv, options, AutoRecordEvidence.notNeeded()).orElseThrow();
        }
        Path copyFile = Files.createTempFile(spillDirectory, "ret-auto-", ".xml");
        try {
            CopyingInputStream source = new CopyingInputStream(xml, Files.newOutputStream(copyFile));
            try {
                return convertAuto(source, copyFile, csv, options);
            } finally {
                source.stopCopying();
            }
        } finally {
            Files.deleteIfExists(copyFile);
        }
    }

    /**
     * Rule v2 of {@code record: "auto"}: one pass takes the root's children as records, as rules 1
     * and 3 want, while the input is copied until a root child name repeats; when none did and the
     * document has content items (rule 2), the copy is converted again by their name.
     */
    private ConversionResult convertAuto(CopyingInputStream source, Path copyFile, OutputStream csv, ConversionOptions options)
            throws IOException {
        AutoRecordEvidence evidence = AutoRecordEvidence.gatherFor(source::stopCopying);
        Optional<ConversionResult> byRootChildren = convertUnlessContentItems(source, csv, options, evidence);
        if (byRootChildren.isPresent()) {
            return byRootChildren.get();
        }
        if (!source.finishCopy()) {
            throw new IllegalStateException("the copy of an auto conversion's input stopped although no root child repeated");
        }
        try (InputStream copy = Files.newInputStream(copyFile)) {
            ConversionOptions byContentItems = options.withRecord(RecordSelector.parse(evidence.contentItemName().orElseThrow()));
            return convertUnlessContentItems(copy, csv, byContentItems, AutoRecordEvidence.notNeeded()).orElseThrow();
        }
    }

    /** Scans and writes the CSV; empty, with nothing written, when the evidence found content items to convert instead. */
    private Optional<ConversionResult> convertUnlessContentItems(InputStream xml, OutputStream csv, ConversionOptions options,
                                                                 AutoRecordEvidence evidence) throws IOException {
        Path spillFile = Files.createTempFile(spillDirectory, "ret-convert-", ".spill");
        try {
            CsvFieldEncoder encoder = new CsvFieldEncoder(options.formulaGuard());
            ColumnCatalog catalog = new ColumnCatalog();
            Optional<ConversionFailure> refusal = scan(xml, spillFile, catalog, encoder, options.record(), evidence);
            if (refusal.isPresent()) {
                return Optional.of(refusal.get());
            }
            if (evidence.contentItemName().isPresent()) {
                return Optional.empty();
            }
            return Optional.of(planAndWrite(catalog, spillFile, csv, encoder, options));
        } finally {
            Files.deleteIfExists(spillFile);
        }
    }

    private static ConversionResult planAndWrite(ColumnCatalog catalog, Path spillFile, OutputStream csv, CsvFieldEncoder encoder,
                                                 ConversionOptions options) throws IOException {
        Optional<RecordPlan> plan = catalog.plan(options.record());
        if (plan.isEmpty()) {
            return ConversionFailure.noRecords(options.record());
        }
        return write(plan.get(), catalog, spillFile, csv, encoder, options.bom());
    }

    private static Optional<ConversionFailure> scan(InputStream xml, Path spillFile, ColumnCatalog catalog, CsvFieldEncoder encoder,
                                                    RecordSelector selector, AutoRecordEvidence evidence) throws IOException {
        FailureRecordingInputStream source = new FailureRecordingInputStream(new MarkupLengthGuard(xml));
        try (SpillOutput spill = new SpillOutput(Files.newOutputStream(spillFile))) {
            XMLStreamReader reader = HardenedXmlInputFactory.create().createXMLStreamReader(source);
            try {
                new RecordScanner(selector, evidence, catalog, spill, encoder).scan(reader);
            } catch (MissingResourceException messageMissing) {
                // The JDK's parser detected an error it has no message for (a control character in a DTD: InvalidCharInDTD).
                throw new XMLStreamException("malformed XML", reader.getLocation());
            }
            reader.close();
            return Optional.empty();
        } catch (XMLStreamException e) {
            try {
                source.rethrowSourceFailure();
            } catch (ConversionBoundException bound) {
                return Optional.of(bound.failure());
            }
            return Optional.of(invalidXml(e));
        } catch (ConversionBoundException bound) {
            return Optional.of(bound.failure());
        }
    }

    private static ConversionSummary write(
            RecordPlan plan, ColumnCatalog catalog, Path spillFile, OutputStream csv, CsvFieldEncoder encoder, boolean bom)
            throws IOException {
        try (SpillInput spill = new SpillInput(Files.newInputStream(spillFile))) {
            long bytes = new CsvAssembler(plan, catalog.size()).write(spill, new CsvOutput(csv), encoder, bom);
            return new ConversionSummary(plan.rows(), plan.columnNames().size(), bytes);
        }
    }

    private static ConversionFailure invalidXml(XMLStreamException e) {
        String message = String.valueOf(e.getMessage());
        int marker = message.indexOf(PARSER_MESSAGE_MARKER);
        String parserDetail = marker < 0 ? message : message.substring(marker + PARSER_MESSAGE_MARKER.length()).strip();
        String detail = parserDetail.isEmpty() ? "malformed XML" : parserDetail;
        Location location = e.getLocation();
        if (location == null) {
            return new ConversionFailure(ConversionFailureCode.INVALID_XML, detail);
        }
        return ConversionFailure.invalidXml(location.getLineNumber(), location.getColumnNumber(), detail);
    }
}
