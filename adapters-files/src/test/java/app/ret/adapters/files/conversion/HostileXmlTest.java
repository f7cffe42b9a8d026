package app.ret.adapters.files.conversion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import app.ret.domain.conversion.ConversionFailure;
import app.ret.domain.conversion.ConversionFailureCode;
import app.ret.domain.conversion.ConversionOptions;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** TARGETS R7: hostile documents are refused as invalid_xml, quickly, touching no file and no network. */
class HostileXmlTest {
    /** A safety net against hangs, not a performance figure: each refusal takes milliseconds. */
    private static final Duration BOUND = Duration.ofSeconds(5);

    @TempDir
    Path spillDirectory;

    @TempDir
    Path secrets;

    private Path canary;
    private String canaryContent;
    private HttpServer server;
    private final AtomicInteger requests = new AtomicInteger();

    @BeforeEach
    void plantCanaryAndListen() throws IOException {
        canaryContent = "CANARY-" + UUID.randomUUID();
        canary = Files.writeString(secrets.resolve("canary.txt"), canaryContent);
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            requests.incrementAndGet();
            byte[] body = "<!ENTITY leak \"fetched\">".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void noFetchNoLeakNoSpill() throws IOException {
        server.stop(0);
        assertThat(requests).hasValue(0);
        try (var left = Files.list(spillDirectory)) {
            assertThat(left).isEmpty();
        }
    }

    private String url(String path) {
        return "http://" + server.getAddress().getHostString() + ":" + server.getAddress().getPort() + path;
    }

    private ConversionFailure refused(byte[] xml) {
        ConversionRun run = assertTimeoutPreemptively(
                BOUND, () -> ConversionRun.of(new StaxCsvConverter(spillDirectory), xml, ConversionOptions.DEFAULTS));
        assertThat(run.output()).isEmpty();
        assertThat(run.failure().code()).isEqualTo(ConversionFailureCode.INVALID_XML);
        assertThat(run.failure().code().wireName()).isEqualTo("invalid_xml");
        assertThat(run.failure().message()).matches("(?s)line \\d+, column \\d+: .+").doesNotContain(canaryContent);
        return run.failure();
    }

    private ConversionFailure refused(String xml) {
        return refused(xml.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void externalEntityReadingALocalFile() {
        ConversionFailure failure = refused("<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY xxe SYSTEM \""
                + canary.toUri() + "\">]><r><a>&xxe;</a><a>x</a></r>");

        assertThat(failure.message()).contains("DTDs are not allowed");
    }

    @Test
    void externalParameterEntityReadingALocalFile() {
        ConversionFailure failure = refused("<!DOCTYPE r [<!ENTITY % p SYSTEM \"" + canary.toUri() + "\"> %p;]><r><a>1</a></r>");

        assertThat(failure.message()).contains("DTDs are not allowed");
    }

    @Test
    void externalDtdFromALocalFile() {
        ConversionFailure failure = refused("<!DOCTYPE r SYSTEM \"" + canary.toUri() + "\"><r><a>1</a><a>2</a></r>");

        assertThat(failure.message()).contains("DTDs are not allowed");
    }

    @Test
    void externalEntityByUrl() {
        ConversionFailure failure = refused("<!DOCTYPE r [<!ENTITY xxe SYSTEM \"" + url("/entity") + "\">]><r><a>&xxe;</a></r>");

        assertThat(failure.message()).contains("DTDs are not allowed");
    }

    @Test
    void externalDtdByUrl() {
        ConversionFailure failure = refused("<!DOCTYPE r PUBLIC \"-//X//Y\" \"" + url("/x.dtd") + "\"><r><a>&leak;</a></r>");

        assertThat(failure.message()).contains("DTDs are not allowed");
    }

    @Test
    void billionLaughs() {
        StringBuilder dtd = new StringBuilder("<!DOCTYPE lolz [<!ENTITY lol0 \"lol\">");
        for (int level = 1; level <= 9; level++) {
            dtd.append("<!ENTITY lol").append(level).append(" \"")
                    .append(("&lol" + (level - 1) + ";").repeat(10)).append("\">");
        }
        ConversionFailure failure = refused(dtd.append("]><lolz><a>&lol9;</a></lolz>").toString());

        assertThat(failure.message()).contains("DTDs are not allowed");
    }

    @Test
    void quadraticBlowup() {
        String xml = "<!DOCTYPE k [<!ENTITY a \"" + "x".repeat(50_000) + "\">]><k><v>" + "&a;".repeat(50_000) + "</v></k>";

        assertThat(refused(xml).message()).contains("DTDs are not allowed");
    }

    /** Found by fuzzing (StaxCsvConverterFuzzTest): the JDK's parser has no message for it and threw MissingResourceException. */
    @Test
    void aControlCharacterInsideADtd() {
        assertThat(refused("<!DOCTYPE r [\u0001]><r/>").message()).isEqualTo("line 1, column 14: malformed XML");
        assertThat(refused("<!DOCTYPE r [<!ENTITY a \"\u0001\">]><r/>").message()).endsWith(": malformed XML");
    }

    @Test
    void anUndeclaredEntityWithoutADtd() {
        assertThat(refused("<r><a>&xxe;</a></r>").message()).contains("xxe");
    }

    @Test
    void tenThousandLevelsDeep() {
        String xml = "<a>".repeat(10_000) + "</a>".repeat(10_000);

        assertThat(refused(xml).message()).contains("maxElementDepth");
    }

    @Test
    void aHundredLevelsAreStillAllowed() {
        String xml = "<r>" + "<a>".repeat(HardenedXmlInputFactory.MAX_ELEMENT_DEPTH - 1) + "deep"
                + "</a>".repeat(HardenedXmlInputFactory.MAX_ELEMENT_DEPTH - 1) + "</r>";

        ConversionRun run = ConversionRun.of(new StaxCsvConverter(spillDirectory), xml, ConversionOptions.DEFAULTS);

        assertThat(run.header()).containsExactly(String.join(".", Collections.nCopies(98, "a")));
        assertThat(run.rows()).containsExactly(List.of("deep"));
    }

    @Test
    void aHundredThousandAttributes() {
        StringBuilder xml = new StringBuilder("<r><a");
        for (int i = 0; i < 100_000; i++) {
            xml.append(" a").append(i).append("=\"").append(i).append('"');
        }

        assertThat(refused(xml.append("/></r>").toString()).message()).contains("200");
    }

    @Test
    void twoHundredAttributesAreStillAllowed() {
        StringBuilder xml = new StringBuilder("<r><a");
        for (int i = 0; i < HardenedXmlInputFactory.MAX_ATTRIBUTES_PER_ELEMENT; i++) {
            xml.append(" a").append(i).append("=\"").append(i).append('"');
        }

        ConversionRun run = ConversionRun.of(
                new StaxCsvConverter(spillDirectory), xml.append("/></r>").toString(), ConversionOptions.DEFAULTS);

        assertThat(run.summary().columns()).isEqualTo(HardenedXmlInputFactory.MAX_ATTRIBUTES_PER_ELEMENT);
    }

    @Test
    void bytesThatAreNotTheDeclaredEncoding() {
        byte[] head = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><r><a>".getBytes(StandardCharsets.US_ASCII);
        byte[] invalidUtf8 = {(byte) 0xC3, (byte) 0x28, (byte) 0xFF, (byte) 0xFE};
        byte[] tail = "</a></r>".getBytes(StandardCharsets.US_ASCII);
        byte[] xml = new byte[head.length + invalidUtf8.length + tail.length];
        System.arraycopy(head, 0, xml, 0, head.length);
        System.arraycopy(invalidUtf8, 0, xml, head.length, invalidUtf8.length);
        System.arraycopy(tail, 0, xml, head.length + invalidUtf8.length, tail.length);

        refused(xml);
    }

    @Test
    void anUnknownEncodingName() {
        assertThat(refused("<?xml version=\"1.0\" encoding=\"X-NO-SUCH\"?><r><a/></r>").message()).contains("X-NO-SUCH");
    }

    @Test
    void malformedXmlNamesWhereItBroke() {
        ConversionFailure failure = refused("<r>\n  <a>1</a>\n  <a>2</b>\n</r>");

        assertThat(failure.message()).startsWith("line 3, column ");
    }

    @Test
    void trailingGarbageAfterTheRoot() {
        refused("<r><a>1</a><a>2</a></r><r/>");
    }

    @Test
    void anEmptyDocument() {
        refused(new byte[0]);
    }

    @Test
    void schemaLocationsAndXIncludesAreNeverFetched() {
        String xml = "<r xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xmlns:xi=\"http://www.w3.org/2001/XInclude\""
                + " xsi:schemaLocation=\"urn:x " + url("/schema.xsd") + "\">"
                + "<a><xi:include href=\"" + url("/include.xml") + "\"/></a><a><xi:include href=\"" + canary.toUri() + "\"/></a></r>";

        ConversionRun run = ConversionRun.of(new StaxCsvConverter(spillDirectory), xml, ConversionOptions.DEFAULTS);

        assertThat(run.header()).containsExactly("include@href");
        assertThat(run.csv()).doesNotContain(canaryContent);
    }
}
