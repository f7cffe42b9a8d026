package app.ret.ports.out;

import app.ret.domain.preview.ElementCensus;
import java.io.IOException;
import java.io.InputStream;

/** Lists the element names of an XML document, streaming, within a fixed budget of bytes and names. */
public interface ElementScanner {
    /** The census of {@code xml}, which is not closed; malformed XML ends the scan early, it is not an error. */
    ElementCensus scan(InputStream xml) throws IOException;
}
