package app.ret.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import app.ret.bootstrap.RunningRet.Login;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Issue 15: a value of the wrong JSON type, or a query parameter given twice, is refused with 400 naming it — never guessed. */
class StrictRequestsEndToEndTest extends ServerPerTestFixture {

    @Test
    void aNonStringWhereAStringIsExpectedIsRefusedInEveryBodyThatIsRead() {
        Login admin = ret.loginAsAdmin();
        List<WrongType> wrongTypes = List.of(
                new WrongType("/api/auth/login", "{\"username\":\"admin\",\"password\":123}", "\"password\""),
                new WrongType("/api/auth/login", "{\"username\":true,\"password\":\"x\"}", "\"username\""),
                new WrongType("/api/conversions", "{\"options\":{\"record\":5}}", "\"options.record\""),
                new WrongType("/api/conversions", "{\"options\":{\"bom\":\"true\"}}", "\"options.bom\""),
                new WrongType("/api/conversions", "{\"paths\":[\"input/a.xml\",7]}", "\"paths[1]\""),
                new WrongType("/api/admin/users", "{\"username\":\"erin\",\"password\":[\"secret-password\"]}", "\"password\""));
        for (WrongType wrong : wrongTypes) {
            assertValidationFailedNaming(ret.postJson(wrong.path(), admin.accessToken(), wrong.body()), wrong.field());
        }
        assertThat(ret.postJson("/api/auth/login", "{\"username\":\"admin\",\"password\":\"" + RunningRet.ADMIN_PASSWORD + "\"}")
                .statusCode()).as("the same login with a string").isEqualTo(200);
    }

    @Test
    void aQueryParameterGivenTwiceIsRefusedNamingIt() {
        Login alice = ret.loginAsNewUser("alice");
        HttpResponse<String> state = ret.send(ret.request("/api/session/state/k?ttl=1&ttl=5")
                .header("Authorization", "Bearer " + alice.accessToken()).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("\"v\"")));
        assertValidationFailedNaming(state, "\"ttl\"");
        assertThat(ret.get("/api/session/state/k", alice.accessToken()).statusCode()).as("nothing stored").isEqualTo(404);

        HttpResponse<String> upload = ret.upload(alice.accessToken(), "a.xml&name=b.xml", "application/xml", "<a/>".getBytes());
        assertThat(upload.statusCode()).as("an encoded & is part of one name").isEqualTo(201);
        HttpResponse<String> twice = ret.send(ret.request("/api/files?name=a.xml&name=b.xml")
                .header("Authorization", "Bearer " + alice.accessToken()).header("Content-Type", "application/xml")
                .POST(HttpRequest.BodyPublishers.ofString("<a/>")));
        assertValidationFailedNaming(twice, "\"name\"");
    }

    private record WrongType(String path, String body, String field) {}

    private static void assertValidationFailedNaming(HttpResponse<String> response, String named) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        JsonNode problem = RunningRet.json(response);
        assertThat(problem.get("code").asText()).isEqualTo("validation_failed");
        assertThat(problem.get("detail").asText()).contains(named);
    }
}
