package app.ret.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import app.ret.domain.conversion.ConversionFailureCode;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue 15: every per-file failure code the converter can give is in the OpenAPI document's
 * {@code result.failed[].code}, explained there, and its bound stated in the README.
 */
class ConversionFailureCodesDocumentedTest {

    @Test
    void everyConverterFailureCodeIsListedAndExplainedInTheOpenApiDocumentAndTheReadme() throws IOException {
        JsonNode code = openApi().at("/components/schemas/JobResult/properties/failed/items/properties/code");
        List<String> listed = new ArrayList<>();
        code.get("enum").forEach(value -> listed.add(value.asText()));
        String explained = code.get("description").asText();
        String readme = Files.readString(Checkout.root().resolve("README.md"), StandardCharsets.UTF_8);

        for (ConversionFailureCode failure : ConversionFailureCode.values()) {
            String wire = failure.wireName();
            assertThat(listed).as("result.failed[].code enum").contains(wire);
            assertThat(explained).as("result.failed[].code description explains " + wire).contains(wire + ":");
            if (failure != ConversionFailureCode.NO_RECORDS) { // the one code that no bound gives: the record element is absent
                assertThat(readme).as("the README states the bound behind " + wire).contains("`" + wire + "`");
            }
        }
    }

    @Test
    void theProblemCodesOfThisIssueAreListed() throws IOException {
        List<String> codes = new ArrayList<>();
        openApi().at("/components/schemas/Problem/properties/code/enum").forEach(value -> codes.add(value.asText()));

        assertThat(codes).contains("insufficient_storage", "duplicate_name", "validation_failed");
    }

    private static JsonNode openApi() throws IOException {
        try (InputStream document = ConversionFailureCodesDocumentedTest.class.getResourceAsStream("/openapi.json")) {
            assertThat(document).as("openapi.json on the class path").isNotNull();
            return new ObjectMapper().readTree(document);
        }
    }
}
