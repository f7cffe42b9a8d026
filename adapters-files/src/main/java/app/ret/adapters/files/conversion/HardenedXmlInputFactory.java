package app.ret.adapters.files.conversion;

import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamException;

/**
 * The JDK StAX parser configured for untrusted input: no DTD, no external entity or DTD fetched,
 * and every {@code jdk.xml.*} limit set explicitly, as strict as JDK 25's strict template (JDK 17's
 * defaults have no depth limit and allow 10,000 attributes and 64,000 entity expansions).
 * Properties set here outrank system properties and {@code jaxp.properties}.
 */
final class HardenedXmlInputFactory {
    static final int MAX_ELEMENT_DEPTH = 100;
    static final int MAX_ATTRIBUTES_PER_ELEMENT = 200;

    private static final Map<String, Integer> LIMITS = Map.of(
            "jdk.xml.maxElementDepth", MAX_ELEMENT_DEPTH,
            "jdk.xml.elementAttributeLimit", MAX_ATTRIBUTES_PER_ELEMENT,
            "jdk.xml.entityExpansionLimit", 2_500,
            "jdk.xml.totalEntitySizeLimit", 100_000,
            "jdk.xml.maxGeneralEntitySizeLimit", 100_000,
            "jdk.xml.maxParameterEntitySizeLimit", 15_000,
            "jdk.xml.entityReplacementLimit", 100_000,
            "jdk.xml.maxOccurLimit", 5_000,
            "jdk.xml.maxXMLNameLimit", 1_000);

    private HardenedXmlInputFactory() {
    }

    /** A new factory each time: factories are not documented as thread-safe. */
    static XMLInputFactory create() {
        // The JDK implementation explicitly: a different one on the class path would ignore the jdk.xml limits.
        XMLInputFactory factory = XMLInputFactory.newDefaultFactory();
        factory.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        factory.setXMLResolver((publicId, systemId, baseUri, namespace) -> {
            throw new XMLStreamException("external resources are never fetched");
        });
        LIMITS.forEach(factory::setProperty);
        return factory;
    }
}
