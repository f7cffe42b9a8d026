package app.ret.adapters.files.conversion;

import app.ret.domain.conversion.RecordSelector;
import java.io.IOException;
import java.util.Arrays;
import javax.xml.XMLConstants;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * One pass over the document: finds the records, names their columns and spills their fields in
 * document order. Only the open elements of the current record are held in memory.
 */
final class RecordScanner {
    private static final int OUTSIDE_RECORD = 0;
    private static final int ROOT_CHILD_DEPTH = 2;

    private final RecordSelector selector;
    private final AutoRecordEvidence evidence;
    private final ColumnCatalog catalog;
    private final SpillOutput spill;
    private final CsvFieldEncoder encoder;
    private final PathNode recordRoot = PathNode.recordRoot();
    private final GrowableBytes field = new GrowableBytes();
    private final TextBuffer attributeValue = new TextBuffer();

    private PathNode[] openNodes = new PathNode[16];
    private long[] openInstances = new long[16];
    private TextBuffer[] openTexts = new TextBuffer[16];
    private long lastInstance;
    private int depth;
    private int recordDepth = OUTSIDE_RECORD;
    private RecordKind currentKind;

    RecordScanner(RecordSelector selector, AutoRecordEvidence evidence, ColumnCatalog catalog, SpillOutput spill, CsvFieldEncoder encoder) {
        this.selector = selector;
        this.evidence = evidence;
        this.catalog = catalog;
        this.spill = spill;
        this.encoder = encoder;
    }

    void scan(XMLStreamReader reader) throws XMLStreamException, IOException {
        while (reader.hasNext()) {
            switch (reader.next()) {
                case XMLStreamConstants.START_ELEMENT -> startElement(reader);
                case XMLStreamConstants.END_ELEMENT -> endElement();
                case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE -> text(reader);
                case XMLStreamConstants.DTD -> throw new XMLStreamException("DTDs are not allowed", reader.getLocation());
                default -> {
                    // comments, processing instructions and document events carry no values
                }
            }
        }
    }

    private void startElement(XMLStreamReader reader) throws IOException {
        depth++;
        evidence.start(reader.getLocalName(), depth);
        int level;
        if (recordDepth == OUTSIDE_RECORD) {
            String localName = reader.getLocalName();
            if (!startsRecord(localName)) {
                return;
            }
            recordDepth = depth;
            currentKind = catalog.kind(localName);
            currentKind.countRecord();
            spill.beginRecord(currentKind.id());
            level = 0;
            open(level, recordRoot);
        } else {
            level = depth - recordDepth;
            open(level, openNodes[level - 1].child(reader.getLocalName(), openInstances[level - 1]));
        }
        PathNode node = openNodes[level];
        for (int i = 0, count = reader.getAttributeCount(); i < count; i++) {
            attributeValue.clear();
            attributeValue.append(reader.getAttributeValue(i));
            emit(node.attributeColumn(attributeName(reader, i), catalog), attributeValue.chars(), 0, attributeValue.length());
        }
    }

    private boolean startsRecord(String localName) {
        if (selector instanceof RecordSelector.ByName byName) {
            return byName.localName().equals(localName);
        }
        return depth == ROOT_CHILD_DEPTH;
    }

    private static String attributeName(XMLStreamReader reader, int index) {
        String localName = reader.getAttributeLocalName(index);
        return XMLConstants.XML_NS_URI.equals(reader.getAttributeNamespace(index)) ? "xml:" + localName : localName;
    }

    private void open(int level, PathNode node) {
        if (level == openNodes.length) {
            openNodes = Arrays.copyOf(openNodes, level * 2);
            openInstances = Arrays.copyOf(openInstances, level * 2);
            openTexts = Arrays.copyOf(openTexts, level * 2);
        }
        openNodes[level] = node;
        openInstances[level] = ++lastInstance;
        if (openTexts[level] == null) {
            openTexts[level] = new TextBuffer();
        } else {
            openTexts[level].clear();
        }
    }

    private void text(XMLStreamReader reader) {
        if (recordDepth != OUTSIDE_RECORD) {
            openTexts[depth - recordDepth].append(reader.getTextCharacters(), reader.getTextStart(), reader.getTextLength());
        }
    }

    private void endElement() throws IOException {
        evidence.end();
        if (recordDepth != OUTSIDE_RECORD) {
            int level = depth - recordDepth;
            char[] text = openTexts[level].chars();
            int start = 0;
            int end = openTexts[level].length();
            while (start < end && isXmlWhitespace(text[start])) {
                start++;
            }
            while (end > start && isXmlWhitespace(text[end - 1])) {
                end--;
            }
            if (start < end) {
                emit(openNodes[level].textColumn(catalog), text, start, end);
            }
            if (level == 0) {
                spill.endRecord();
                recordDepth = OUTSIDE_RECORD;
            }
        }
        depth--;
    }

    private static boolean isXmlWhitespace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r';
    }

    private void emit(int columnId, char[] value, int start, int end) throws IOException {
        currentKind.noteColumn(columnId);
        field.clear();
        encoder.encodeValue(value, start, end, field);
        spill.writeField(columnId, field);
    }
}
