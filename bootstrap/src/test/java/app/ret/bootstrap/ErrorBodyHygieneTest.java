package app.ret.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import app.ret.bootstrap.ErrorBodyHygiene.ErrorResponse;
import org.junit.jupiter.api.Test;

/** The R12 check itself can fail: each kind of leak it looks for is caught, a clean problem passes. */
class ErrorBodyHygieneTest {
    private static final String PROBLEM = "application/problem+json";

    private static ErrorResponse problem(int status, String detail) {
        return problem(status, status, detail);
    }

    private static ErrorResponse problem(int httpStatus, int problemStatus, String detail) {
        return new ErrorResponse("GET", "http://127.0.0.1/x", httpStatus, PROBLEM,
                "{\"type\":\"https://ret.app/problems/not_found\",\"title\":\"Not found\",\"status\":" + problemStatus
                        + ",\"detail\":\"" + detail + "\",\"code\":\"not_found\",\"request_id\":\"r-1\"}");
    }

    @Test
    void aCleanProblemPasses() {
        assertThat(ErrorBodyHygiene.violations(problem(404, "No such resource."))).isEmpty();
    }

    @Test
    void eachKindOfLeakIsCaught() {
        assertThat(ErrorBodyHygiene.violations(problem(500, "java.lang.IllegalStateException: boom\\n\\tat app.ret.X.y(X.java:12)")))
                .contains("looks like a stack trace", "names a Java class or package");
        assertThat(ErrorBodyHygiene.violations(problem(500, "[SQLITE_CONSTRAINT] UNIQUE constraint failed: users.username")))
                .contains("mentions SQL");
        assertThat(ErrorBodyHygiene.violations(problem(400, "near SELECT v FROM cache_entries WHERE k = ?")))
                .contains("mentions SQL");
        assertThat(ErrorBodyHygiene.violations(problem(404, "cannot open /tmp/junit123/sessions/abc/input/a.xml")))
                .contains("shows a server path (/tmp/)");
    }

    @Test
    void theRuntimeRootOfARunningServerCountsAsAServerPath() {
        ErrorBodyHygiene.serverRoot("relative-root-for-the-hygiene-test");
        assertThat(ErrorBodyHygiene.violations(problem(404, "missing relative-root-for-the-hygiene-test/sessions")))
                .contains("shows the server's runtime root");
    }

    @Test
    void anErrorThatIsNotAProblemOrDisagreesWithItsStatusIsCaught() {
        assertThat(ErrorBodyHygiene.violations(new ErrorResponse("GET", "u", 404, "text/html", "<h1>404 Not Found</h1>")))
                .containsExactly("Content-Type is 'text/html', not application/problem+json");
        assertThat(ErrorBodyHygiene.violations(new ErrorResponse("GET", "u", 500, PROBLEM, "Internal Server Error")))
                .containsExactly("body is not JSON");
        assertThat(ErrorBodyHygiene.violations(problem(409, 404, "No such resource.")))
                .containsExactly("problem status does not equal the HTTP status");
        assertThat(ErrorBodyHygiene.violations(new ErrorResponse("GET", "u", 400, PROBLEM, "{\"status\":400}")))
                .contains("problem has no 'type'", "problem has no 'code'", "problem has no 'request_id'");
    }
}
