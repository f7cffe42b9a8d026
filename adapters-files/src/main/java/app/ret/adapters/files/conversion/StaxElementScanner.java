package app.ret.adapters.files.conversion;

import app.ret.domain.preview.ElementCensus;
import app.ret.domain.preview.ElementCount;
import app.ret.ports.out.ElementScanner;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.MissingResourceException;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Counts element local names with the hardened StAX parser. Bounded: at most {@link #MAX_SCAN_BYTES}
 * of the document are read and {@link #MAX_NAMES} distinct names kept, so a huge or hostile file
 * costs a fixed amount of time and memory; the census then says it is incomplete.
 */
public final class StaxElementScanner implements ElementScanner {
    static final long MAX_SCAN_BYTES = 64L << 20;
    static final int MAX_NAMES = 2_000;

    private final long maxScanBytes;

    public StaxElementScanner() {
        this(MAX_SCAN_BYTES);
    }

    StaxElementScanner(long maxScanBytes) {
        this.maxScanBytes = maxScanBytes;
    }

    @Override
    public ElementCensus scan(InputStream xml) throws IOException {
        Map<String, Tally> tallies = new LinkedHashMap<>();
        boolean complete = scanInto(new BudgetedInputStream(xml, maxScanBytes), tallies);
        List<ElementCount> elements = tallies.entrySet().stream()
                .map(entry -> new ElementCount(entry.getKey(), entry.getValue().count, entry.getValue().depth))
                .sorted(Comparator.comparingInt(ElementCount::depth).thenComparing(Comparator.comparingLong(ElementCount::count).reversed()))
                .toList();
        return new ElementCensus(elements, complete);
    }

    private static boolean scanInto(BudgetedInputStream in, Map<String, Tally> tallies) throws IOException {
        XMLStreamReader reader = null;
        boolean complete = true;
        try {
            reader = HardenedXmlInputFactory.create().createXMLStreamReader(in);
            int depth = 0;
            while (reader.hasNext()) {
                int event = reader.next();
                if (event == XMLStreamConstants.START_ELEMENT) {
                    depth++;
                    complete &= count(tallies, reader.getLocalName(), depth);
                } else if (event == XMLStreamConstants.END_ELEMENT) {
                    depth--;
                }
            }
        } catch (XMLStreamException | MissingResourceException malformedOrOverBudget) {
            // MissingResourceException: the JDK's parser found an error it has no message for (InvalidCharInDTD).
            if (in.failure != null) {
                throw in.failure;
            }
            complete = false;
        } finally {
            close(reader);
        }
        return complete;
    }

    /** False when the name is new and there is no room for it. */
    private static boolean count(Map<String, Tally> tallies, String name, int depth) {
        Tally tally = tallies.get(name);
        if (tally == null) {
            if (tallies.size() >= MAX_NAMES) {
                return false;
            }
            tally = new Tally(depth);
            tallies.put(name, tally);
        }
        tally.count++;
        tally.depth = Math.min(tally.depth, depth);
        return true;
    }

    private static void close(XMLStreamReader reader) {
        if (reader == null) {
            return;
        }
        try {
            reader.close();
        } catch (XMLStreamException ignored) {
            // Closing a StAX reader releases no resource of ours: the caller closes the stream.
        }
    }

    private static final class Tally {
        long count;
        int depth;

        Tally(int depth) {
            this.depth = depth;
        }
    }

    /**
     * Ends the input after {@code budget} bytes, as though the document stopped there (the parser
     * then reports it malformed, which ends the scan as incomplete); keeps a real read failure to
     * rethrow, since the parser wraps it.
     */
    private static final class BudgetedInputStream extends FilterInputStream {
        private long remaining;
        private IOException failure;

        BudgetedInputStream(InputStream in, long budget) {
            super(in);
            this.remaining = budget;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (remaining <= 0) {
                return -1;
            }
            try {
                int read = super.read(buffer, offset, (int) Math.min(length, remaining));
                if (read > 0) {
                    remaining -= read;
                }
                return read;
            } catch (IOException e) {
                failure = e;
                throw e;
            }
        }
    }
}
