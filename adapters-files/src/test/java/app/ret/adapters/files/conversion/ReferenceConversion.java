package app.ret.adapters.files.conversion;

import app.ret.domain.conversion.RecordSelector;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.xml.XMLConstants;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.parsers.SAXParserFactory;
import org.xml.sax.Attributes;
import org.xml.sax.SAXException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * A second, deliberately naive reading of CONVERSION.md for trusted test files: the whole document
 * as a tree (built with SAX, which keeps attributes in document order), records chosen and columns
 * named by plain recursion. The converter must agree with it on the whole corpus.
 */
final class ReferenceConversion {
    record Table(List<String> header, List<List<String>> rows) {
    }

    private record Element(String localName, List<Map.Entry<String, String>> attributes, List<Object> content) {
        List<Element> children() {
            return content.stream().filter(Element.class::isInstance).map(Element.class::cast).toList();
        }

        String ownText() {
            StringBuilder text = new StringBuilder();
            content.stream().filter(String.class::isInstance).forEach(text::append);
            return text.toString().replaceAll("^[ \\t\\r\\n]+|[ \\t\\r\\n]+$", "");
        }
    }

    private ReferenceConversion() {
    }

    static Table of(Path xml, RecordSelector selector, boolean formulaGuard) {
        Element root = parse(xml);
        List<Element> records = selector instanceof RecordSelector.ByName byName
                ? recordsNamed(root, byName.localName(), new ArrayList<>())
                : autoRecords(root);
        Set<String> header = new LinkedHashSet<>();
        List<Map<String, String>> values = new ArrayList<>();
        for (Element record : records) {
            Map<String, String> row = new LinkedHashMap<>();
            visit(record, "", row, header);
            values.add(row);
        }
        List<List<String>> rows = new ArrayList<>();
        for (Map<String, String> row : values) {
            rows.add(header.stream().map(column -> guarded(row.getOrDefault(column, ""), formulaGuard)).toList());
        }
        return new Table(List.copyOf(header), rows);
    }

    /** Rule v2: repeated root children, else content items (outermost elements with a doi_data child), else every root child. */
    private static List<Element> autoRecords(Element root) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        root.children().forEach(child -> counts.merge(child.localName(), 1, Integer::sum));
        String chosen = null;
        for (Map.Entry<String, Integer> count : counts.entrySet()) {
            if (count.getValue() > 1 && (chosen == null || count.getValue() > counts.get(chosen))) {
                chosen = count.getKey();
            }
        }
        String name = chosen;
        if (name != null) {
            return root.children().stream().filter(c -> c.localName().equals(name)).toList();
        }
        List<Element> contentItems = outermostWithDoiData(root, new ArrayList<>());
        Map<String, Integer> itemCounts = new HashMap<>();
        Map<String, Integer> firstIndex = new HashMap<>();
        List<Element> inDocumentOrder = new ArrayList<>();
        inDocumentOrder(root, inDocumentOrder);
        for (Element item : contentItems) {
            itemCounts.merge(item.localName(), 1, Integer::sum);
            firstIndex.putIfAbsent(item.localName(), indexOf(inDocumentOrder, item));
        }
        String itemName = null;
        for (String candidate : itemCounts.keySet()) {
            if (itemName == null || itemCounts.get(candidate) > itemCounts.get(itemName)
                    || (itemCounts.get(candidate).equals(itemCounts.get(itemName)) && firstIndex.get(candidate) > firstIndex.get(itemName))) {
                itemName = candidate;
            }
        }
        return itemName == null ? root.children() : recordsNamed(root, itemName, new ArrayList<>());
    }

    private static List<Element> outermostWithDoiData(Element element, List<Element> found) {
        if (element.children().stream().anyMatch(child -> child.localName().equals("doi_data"))) {
            found.add(element);
        } else {
            element.children().forEach(child -> outermostWithDoiData(child, found));
        }
        return found;
    }

    private static void inDocumentOrder(Element element, List<Element> all) {
        all.add(element);
        element.children().forEach(child -> inDocumentOrder(child, all));
    }

    private static int indexOf(List<Element> all, Element wanted) {
        for (int i = 0; i < all.size(); i++) {
            if (all.get(i) == wanted) {
                return i;
            }
        }
        throw new IllegalStateException("an element of the tree is in the tree");
    }

    private static List<Element> recordsNamed(Element element, String name, List<Element> found) {
        if (element.localName().equals(name)) {
            found.add(element);
        } else {
            element.children().forEach(child -> recordsNamed(child, name, found));
        }
        return found;
    }

    private static void visit(Element element, String path, Map<String, String> row, Set<String> header) {
        for (Map.Entry<String, String> attribute : element.attributes()) {
            put(path + "@" + attribute.getKey(), attribute.getValue(), row, header);
        }
        Map<String, Integer> seen = new HashMap<>();
        for (Element child : element.children()) {
            int n = seen.merge(child.localName(), 1, Integer::sum);
            String step = n == 1 ? child.localName() : child.localName() + "[" + n + "]";
            visit(child, path.isEmpty() ? step : path + "." + step, row, header);
        }
        String text = element.ownText();
        if (!text.isEmpty()) {
            put(path.isEmpty() ? "#text" : path, text, row, header);
        }
    }

    private static void put(String column, String value, Map<String, String> row, Set<String> header) {
        header.add(column);
        row.putIfAbsent(column, value);
    }

    private static String guarded(String value, boolean formulaGuard) {
        boolean formula = !value.isEmpty() && "=+-@\t\r".indexOf(value.charAt(0)) >= 0;
        return formulaGuard && formula ? "'" + value : value;
    }

    private static Element parse(Path xml) {
        Deque<Element> open = new ArrayDeque<>();
        List<Element> root = new ArrayList<>(1);
        DefaultHandler handler = new DefaultHandler() {
            @Override
            public void startElement(String uri, String localName, String qName, Attributes attributes) {
                List<Map.Entry<String, String>> attributeList = new ArrayList<>();
                for (int i = 0; i < attributes.getLength(); i++) {
                    String name = XMLConstants.XML_NS_URI.equals(attributes.getURI(i))
                            ? "xml:" + attributes.getLocalName(i)
                            : attributes.getLocalName(i);
                    attributeList.add(Map.entry(name, attributes.getValue(i)));
                }
                Element element = new Element(localName, attributeList, new ArrayList<>());
                if (open.isEmpty()) {
                    root.add(element);
                } else {
                    open.peek().content().add(element);
                }
                open.push(element);
            }

            @Override
            public void endElement(String uri, String localName, String qName) {
                open.pop();
            }

            @Override
            public void characters(char[] ch, int start, int length) {
                if (!open.isEmpty()) {
                    open.peek().content().add(new String(ch, start, length));
                }
            }
        };
        try (InputStream in = Files.newInputStream(xml)) {
            SAXParserFactory factory = SAXParserFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.newSAXParser().parse(in, handler);
            return root.get(0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ParserConfigurationException | SAXException e) {
            throw new IllegalStateException("reference parse failed for " + xml, e);
        }
    }
}
