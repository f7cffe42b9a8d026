package app.ret.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import app.ret.bootstrap.RunningRet.Login;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** By default the built-in test job type is switched off: its route answers 404 and nothing is queued. */
class TestJobsDisabledEndToEndTest extends ServerPerTestFixture {
    @Test
    void submittingATestJobIsNotFound() {
        Login login = ret.loginAsAdmin();
        HttpResponse<String> response = ret.send(ret.request("/api/jobs").header("Authorization", "Bearer " + login.accessToken())
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"type\":\"test\",\"units\":1}")));
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(RunningRet.json(response).get("code").asText()).isEqualTo("not_found");
        assertThat(RunningRet.json(ret.get("/api/jobs", login.accessToken())).get("jobs")).isEmpty();
    }
}
