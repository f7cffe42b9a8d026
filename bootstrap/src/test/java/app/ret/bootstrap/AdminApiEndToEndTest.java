package app.ret.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import app.ret.bootstrap.RunningRet.Login;
import app.ret.ports.testing.MutableClock;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The admin routes the console's panels use: users, jobs of every session, metrics as JSON. */
class AdminApiEndToEndTest extends ServerPerTestFixture {
    @Test
    void anAdminAddsDisablesEnablesAndSetsThePasswordOfAUser() {
        Login admin = ret.loginAsAdmin();

        HttpResponse<String> added = json("POST", "/api/admin/users", admin, "{\"username\":\"kim\",\"password\":\"first password\",\"role\":\"user\"}");
        assertThat(added.statusCode()).as(added.body()).isEqualTo(201);
        assertThat(RunningRet.json(added).get("enabled").asBoolean()).isTrue();
        assertThat(RunningRet.json(added).get("role").asText()).isEqualTo("user");
        assertThat(json("POST", "/api/admin/users", admin, "{\"username\":\"kim\",\"password\":\"first password\"}").statusCode()).isEqualTo(409);
        assertThat(json("POST", "/api/admin/users", admin, "{\"username\":\"lee\",\"password\":\"short\"}").statusCode()).isEqualTo(400);
        assertThat(json("POST", "/api/admin/users", admin, "{\"username\":\"lee\",\"password\":\"long enough\",\"role\":\"root\"}").statusCode())
                .isEqualTo(400);
        Login kim = ret.login("kim", "first password");

        HttpResponse<String> disabled = ret.post("/api/admin/users/kim/disable", admin.accessToken());
        assertThat(RunningRet.json(disabled).get("enabled").asBoolean()).isFalse();
        assertThat(ret.get("/api/auth/me", kim.accessToken()).statusCode()).isEqualTo(401);
        assertThat(ret.postJson("/api/auth/login", "{\"username\":\"kim\",\"password\":\"first password\"}").statusCode()).isEqualTo(401);
        assertThat(RunningRet.json(ret.post("/api/admin/users/kim/enable", admin.accessToken())).get("enabled").asBoolean()).isTrue();
        Login again = ret.login("kim", "first password");

        assertThat(json("PUT", "/api/admin/users/kim/password", admin, "{\"password\":\"second password\"}").statusCode()).isEqualTo(204);
        assertThat(ret.get("/api/auth/me", again.accessToken()).statusCode()).isEqualTo(401);
        assertThat(ret.postJson("/api/auth/login", "{\"username\":\"kim\",\"password\":\"first password\"}").statusCode()).isEqualTo(401);
        ret.login("kim", "second password");
        assertThat(json("PUT", "/api/admin/users/kim/password", admin, "{\"password\":\"short\"}").statusCode()).isEqualTo(400);

        JsonNode users = RunningRet.json(ret.get("/api/admin/users", admin.accessToken())).get("users");
        assertThat(users.findValuesAsText("username")).containsExactlyInAnyOrder("admin", "kim");
        for (String missing : List.of("/api/admin/users/nobody/disable", "/api/admin/users/nobody/enable", "/api/admin/users/..%2F/enable")) {
            assertThat(ret.post(missing, admin.accessToken()).statusCode()).as(missing).isEqualTo(404);
        }
        assertThat(json("PUT", "/api/admin/users/nobody/password", admin, "{\"password\":\"long enough\"}").statusCode()).isEqualTo(404);
    }

    @Test
    void usersWhoAreNotAdminsAreRefusedEveryAdminRoute() {
        Login user = ret.loginAsNewUser("mona");
        for (String path : List.of("/api/admin/users", "/api/admin/jobs", "/api/admin/metrics")) {
            assertThat(ret.get(path, user.accessToken()).statusCode()).as(path).isEqualTo(403);
            assertThat(ret.send(ret.request(path).GET()).statusCode()).as(path).isEqualTo(401);
        }
        assertThat(ret.post("/api/admin/users/mona/disable", user.accessToken()).statusCode()).isEqualTo(403);
    }

    @Test
    void theJobsOfEverySessionAreListedWithTheirUserAndFilteredByStatus() throws InterruptedException {
        ret.close();
        ret = RunningRet.start(root, MutableClock.atSomeFixedTime(), Map.of("JOB_TEST_TYPE_ENABLED", "true", "JOB_WORKERS", "1"));
        Login admin = ret.loginAsAdmin();
        Login nora = ret.loginAsNewUser("nora");
        Login omar = ret.loginAsNewUser("omar");
        String quick = RunningRet.json(json("POST", "/api/jobs", nora, "{\"type\":\"test\",\"units\":1,\"unit_millis\":1}")).get("job_id").asText();
        awaitStatus(nora, quick, "succeeded");
        String slow = RunningRet.json(json("POST", "/api/jobs", omar, "{\"type\":\"test\",\"units\":100,\"unit_millis\":200}")).get("job_id").asText();

        JsonNode all = RunningRet.json(ret.get("/api/admin/jobs", admin.accessToken())).get("jobs");
        JsonNode succeeded = RunningRet.json(ret.get("/api/admin/jobs?status=succeeded", admin.accessToken())).get("jobs");

        assertThat(all.findValuesAsText("id")).containsExactly(slow, quick);
        assertThat(all.get(0).get("username").asText()).isEqualTo("omar");
        assertThat(all.get(0).get("session_id").asText()).isEqualTo(omar.sessionId());
        assertThat(all.get(0).get("status").asText()).isIn("queued", "running");
        assertThat(succeeded.findValuesAsText("id")).containsExactly(quick);
        assertThat(succeeded.get(0).get("username").asText()).isEqualTo("nora");
        assertThat(ret.get("/api/admin/jobs?status=sleeping", admin.accessToken()).statusCode()).isEqualTo(400);
        ret.delete("/api/jobs/" + slow, omar.accessToken());
    }

    @Test
    void theMetricsAreCountersAndLevelsAsJson() {
        Login admin = ret.loginAsAdmin();
        ret.get("/api/nowhere", admin.accessToken());
        ret.postJson("/api/auth/login", "{\"username\":\"admin\",\"password\":\"wrong password\"}");

        JsonNode figures = RunningRet.json(ret.get("/api/admin/metrics", admin.accessToken()));

        assertThat(figures.get("requests").get("total").asLong()).isGreaterThanOrEqualTo(3);
        assertThat(figures.get("requests").get("client_errors").asLong()).isGreaterThanOrEqualTo(2);
        assertThat(figures.get("requests").get("server_errors").asLong()).isZero();
        assertThat(figures.get("rate_limited").get("api").asLong()).isZero();
        assertThat(figures.get("cache").get("memory").has("hits")).isTrue();
        assertThat(figures.get("cache").get("sqlite").has("evictions")).isTrue();
        assertThat(figures.get("jobs").fieldNames()).toIterable().containsExactly("queued", "running", "succeeded", "failed", "cancelled");
        assertThat(figures.get("sessions_active").asLong()).isEqualTo(1);
    }

    private void awaitStatus(Login login, String id, String status) throws InterruptedException {
        for (int poll = 0; poll < 500; poll++) {
            if (RunningRet.json(ret.get("/api/jobs/" + id, login.accessToken())).get("status").asText().equals(status)) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("job " + id + " never " + status);
    }

    private HttpResponse<String> json(String method, String path, Login login, String body) {
        return ret.send(ret.request(path).header("Authorization", "Bearer " + login.accessToken()).header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(body)));
    }
}
