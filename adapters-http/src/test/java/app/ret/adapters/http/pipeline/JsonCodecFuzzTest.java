package app.ret.adapters.http.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import app.ret.adapters.http.auth.AuthHandler;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;

/**
 * The JSON body reader under arbitrary bodies (ADR 0017). Seeds in {@code JsonCodecFuzzTestInputs}: the
 * request bodies the API documents and malformed twists of them. Long run:
 * {@code JAZZER_FUZZ=1 JAZZER_MAX_DURATION=10m mvn -B -pl adapters-http -am test -Dtest='JsonCodecFuzzTest' -Dsurefire.failIfNoSpecifiedTests=false}.
 */
class JsonCodecFuzzTest {
    /** The request shapes the handlers read, looked up by name because they are private to their handlers. */
    private static final List<Class<?>> REQUEST_TYPES = List.of(
            AuthHandler.LoginRequest.class,
            requestType("jobs.ConversionsHandler$ConversionBody"),
            requestType("jobs.ComparisonsHandler$ComparisonBody"),
            requestType("jobs.JobsHandler$TestJobBody"),
            requestType("admin.AdminUsersHandler$NewUser"));
    private static final String UNKNOWN_FIELD = "Unknown field \"";
    private static final String MISTYPED_FIELD = "Field \"";

    /**
     * Any body, read as each request shape and as a tree: a value, or a 400 {@code validation}
     * problem whose detail is one of the reader's own sentences — never another exception (which
     * the server would answer with 500) and never an echo of the body beyond the name of an unknown
     * or mistyped field.
     */
    @FuzzTest
    void aBodyIsAValueOrAValidationProblem(byte[] body) throws IOException {
        for (Class<?> type : REQUEST_TYPES) {
            try {
                assertThat(JsonCodec.read(new ByteArrayInputStream(body), type)).isInstanceOf(type);
            } catch (ProblemException refused) {
                assertIsTheReadersOwnValidationProblem(refused.problem());
            }
        }
        try {
            assertThat(JsonCodec.readTree(new ByteArrayInputStream(body))).isNotNull();
        } catch (ProblemException refused) {
            assertIsTheReadersOwnValidationProblem(refused.problem());
        }
    }

    private static void assertIsTheReadersOwnValidationProblem(Problem problem) {
        assertThat(problem.status()).isEqualTo(400);
        assertThat(problem.code()).isEqualTo("validation_failed");
        if (problem.detail().startsWith(UNKNOWN_FIELD)) {
            assertThat(problem.detail()).endsWith("\"; see the OpenAPI document for the fields this request takes.");
        } else if (problem.detail().startsWith(MISTYPED_FIELD)) {
            assertThat(problem.detail()).endsWith("\" has the wrong type; see the OpenAPI document for the type this request takes.");
        } else {
            assertThat(problem.detail()).isIn(
                    "The request body must be a JSON object.",
                    "The request body is not valid JSON of the expected shape.",
                    "The request body must be JSON.",
                    "The request body is not valid JSON.");
        }
    }

    private static Class<?> requestType(String nameInHttpPackage) {
        try {
            return Class.forName("app.ret.adapters.http." + nameInHttpPackage);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("request type moved: " + nameInHttpPackage, e);
        }
    }
}
